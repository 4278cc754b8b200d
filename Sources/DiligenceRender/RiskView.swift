import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A risk level for templates: the id (for the CSS class), the label, and its
/// rank (1 = lowest) so the style can shade levels without knowing their names.
package struct RiskView: Sendable {
    package var id: String
    package var label: String
    package var rank: Int
    /// False for `unknown`: not yet assessed by an editor.
    package var assessed: Bool
    /// What a badge shows: "High risk" ("Risque élevé"), or "Not assessed".
    package var text: String

    /// - Parameter strings: the interface's words ("Not assessed", "{level} risk").
    package init(_ id: String, in levels: Vocabulary, strings: InterfaceStrings = .english) {
        self.id = id
        if id == SiteConfig.unknownRisk, !levels.contains(id) {
            self.label = strings["risk_not_assessed"]
            self.rank = 0
        } else {
            // site.yml lists risk levels as ids; a label that is only the id
            // capitalised ("High") is the interface's word for it ("Élevé").
            let label = levels.label(id)
            self.label = label == id.prefix(1).uppercased() + id.dropFirst() ? strings.texts["risk_level_\(id)"] ?? label : label
            self.rank = (levels.index(of: id) ?? 0) + 1
        }
        self.assessed = rank > 0
        self.text = assessed
            ? strings.format("risk_level", [("level", label), ("level_lowercase", InterfaceStrings.lowercasingFirst(label))])
            : label
    }
}

// Field lookup for templates: one case per stored property.
extension RiskView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "id": return id.templateValue
        case "label": return label.templateValue
        case "rank": return rank.templateValue
        case "assessed": return assessed.templateValue
        case "text": return text.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension RiskView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("RiskView") {
        [
            ("id", .value),
            ("label", .value),
            ("rank", .value),
            ("assessed", .value),
            ("text", .value),
        ]
    }
}
