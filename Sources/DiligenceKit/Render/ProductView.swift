import Mustache

/// The fields of a product-risk example, ready for `product.mustache`.
public struct ProductView: Sendable {
    public struct ControlView: Sendable {
        public var regime: LinkView
        public var entry: String?
        public var noteHTML: String?
    }

    public var category: LinkView
    public var risk: RiskView
    /// Inline HTML of each list item.
    public var capabilities: [String]
    public var misuse: [String]
    public var redFlags: [String]
    public var safeguards: [String]
    public var controls: [ControlView]
    public var countries: [LinkView]
    public var guidance: [LinkView]
    /// The screening page with this product chosen.
    public var screeningURL: String
}

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension ProductView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "category": return category
        case "risk": return risk
        case "capabilities": return capabilities
        case "misuse": return misuse
        case "redFlags": return redFlags
        case "safeguards": return safeguards
        case "controls": return controls
        case "countries": return countries
        case "guidance": return guidance
        case "screeningURL": return screeningURL
        default: return nil
        }
    }
}

extension ProductView.ControlView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "regime": return regime
        case "entry": return entry
        case "noteHTML": return noteHTML
        default: return nil
        }
    }
}
