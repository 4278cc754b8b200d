/// A cited source: every fact a reader acts on points at one.
public struct Source: Sendable, Hashable {
    public var title: String
    public var publisher: String?
    public var date: PartialDate?
    public var url: String?
    public var location: SourceLocation
}
