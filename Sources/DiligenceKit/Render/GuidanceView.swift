import Mustache

/// The fields of a guidance page, ready for `guidance.mustache`.
public struct GuidanceView: Sendable {
    public var order: Int
    public var related: [LinkView]
    public var previous: LinkView?
    public var next: LinkView?
}

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension GuidanceView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "order": return order
        case "related": return related
        case "previous": return previous
        case "next": return next
        default: return nil
        }
    }
}
