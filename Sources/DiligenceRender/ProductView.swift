import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The fields of a product-risk example, ready for `product.mustache`.
package struct ProductView: Sendable {
    package struct ControlView: Sendable {
        package var regime: LinkView
        package var entry: String?
        package var noteHTML: String?
    }

    package var category: LinkView
    package var risk: RiskView
    /// Which rule gives the rating, on which evidence (inline HTML).
    package var riskBasisHTML: String?
    /// Inline HTML of each list item.
    package var capabilities: [String]
    package var misuse: [String]
    package var redFlags: [String]
    package var safeguards: [String]
    package var controls: [ControlView]
    package var countries: [LinkView]
    /// The concerns country profiles record naming this product.
    package var concerns: [ConcernView]
    package var guidance: [LinkView]
    /// The screening page with this product chosen.
    package var screeningURL: String
}

// Field lookup for templates: one case per stored property.
extension ProductView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
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
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "regime": return regime.templateValue
        case "entry": return entry.templateValue
        case "noteHTML": return noteHTML.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension ProductView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ProductView") {
        [
            ("category", .object(LinkView.templateSchema)),
            ("risk", .object(RiskView.templateSchema)),
            ("riskBasisHTML", .value),
            ("capabilities", .list(.value)),
            ("misuse", .list(.value)),
            ("redFlags", .list(.value)),
            ("safeguards", .list(.value)),
            ("controls", .list(.object(ProductView.ControlView.templateSchema))),
            ("countries", .list(.object(LinkView.templateSchema))),
            ("concerns", .list(.object(ConcernView.templateSchema))),
            ("guidance", .list(.object(LinkView.templateSchema))),
            ("screeningURL", .value),
        ]
    }
}

extension ProductView.ControlView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ProductView.ControlView") {
        [
            ("regime", .object(LinkView.templateSchema)),
            ("entry", .value),
            ("noteHTML", .value),
        ]
    }
}
