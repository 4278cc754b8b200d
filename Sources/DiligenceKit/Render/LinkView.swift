/// A link as templates show it: a title, a relative URL, and optional extras.
public struct LinkView: Sendable {
    public var title: String
    public var url: String
    /// Kind label or other small text beside the link.
    public var note: String?
    public var risk: RiskView?
    public var current: Bool = false
    public var summary: String?
}
