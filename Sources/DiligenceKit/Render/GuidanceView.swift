/// The fields of a guidance page, ready for `guidance.mustache`.
public struct GuidanceView: Sendable {
    public var order: Int
    public var related: [LinkView]
    public var previous: LinkView?
    public var next: LinkView?
}
