import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A link as templates show it: a title, a relative URL, and optional extras.
package struct LinkView: Sendable {
    package var title: String
    package var url: String
    /// Kind label or other small text beside the link.
    package var note: String?
    package var risk: RiskView?
    package var current: Bool = false
    package var summary: String?
}

// Field lookup for templates: one case per stored property.
extension LinkView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "title": return title.templateValue
        case "url": return url.templateValue
        case "note": return note.templateValue
        case "risk": return risk.templateValue
        case "current": return current.templateValue
        case "summary": return summary.templateValue
        default: return .missing
        }
    }

    /// Every field above, so that a link list's unchanged items are copied
    /// from the page as it was (`TemplateRow`). A field added to the view
    /// must be added here too.
    package var reuseKey: UInt64? {
        var hasher = StableHasher()
        hasher.combine(title)
        hasher.combine(url)
        hasher.combine(note)
        hasher.combine(risk?.id)
        hasher.combine(risk?.label)
        hasher.combine(risk?.rank ?? 0)
        hasher.combine(risk?.assessed == true ? 1 : 0)
        hasher.combine(current ? 1 : 0)
        hasher.combine(summary)
        return hasher.value
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension LinkView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("LinkView") {
        [
            ("title", .value),
            ("url", .value),
            ("note", .value),
            ("risk", .object(RiskView.templateSchema)),
            ("current", .value),
            ("summary", .value),
        ]
    }
}
