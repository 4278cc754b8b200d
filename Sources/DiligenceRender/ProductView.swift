import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The fields of a product-risk example, ready for `product.mustache`.
public struct ProductView: Sendable {
    public struct ControlView: Sendable {
        public var regime: LinkView
        public var entry: String?
        public var noteHTML: String?
    }

    public var category: LinkView
    public var risk: RiskView
    /// Which rule gives the rating, on which evidence (inline HTML).
    public var riskBasisHTML: String?
    /// Inline HTML of each list item.
    public var capabilities: [String]
    public var misuse: [String]
    public var redFlags: [String]
    public var safeguards: [String]
    public var controls: [ControlView]
    public var countries: [LinkView]
    /// The concerns country profiles record naming this product.
    public var concerns: [ConcernView]
    public var guidance: [LinkView]
    /// The screening page with this product chosen.
    public var screeningURL: String
}

// Field lookup for templates: one case per stored property.
extension ProductView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "category": return category.templateValue
        case "risk": return risk.templateValue
        case "riskBasisHTML": return riskBasisHTML.templateValue
        case "capabilities": return capabilities.templateValue
        case "misuse": return misuse.templateValue
        case "redFlags": return redFlags.templateValue
        case "safeguards": return safeguards.templateValue
        case "controls": return controls.templateValue
        case "countries": return countries.templateValue
        case "concerns": return concerns.templateValue
        case "guidance": return guidance.templateValue
        case "screeningURL": return screeningURL.templateValue
        default: return .missing
        }
    }
}

extension ProductView.ControlView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "regime": return regime.templateValue
        case "entry": return entry.templateValue
        case "noteHTML": return noteHTML.templateValue
        default: return .missing
        }
    }
}
