import Mustache

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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension LinkView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "url": return url
        case "note": return note
        case "risk": return risk
        case "current": return current
        case "summary": return summary
        default: return nil
        }
    }
}
