/// A cited source as templates show it.
public struct SourceView: Sendable {
    public var number: Int
    public var title: String
    public var publisher: String?
    public var date: String?
    public var url: String?

    init(_ source: Source, number: Int) {
        self.number = number
        self.title = source.title
        self.publisher = source.publisher
        self.date = source.date?.readable
        self.url = source.url
    }
}
