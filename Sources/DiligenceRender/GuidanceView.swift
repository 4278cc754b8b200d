import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The fields of a guidance page, ready for `guidance.mustache`.
package struct GuidanceView: Sendable {
    package var order: Int
    /// "Step 3 of the due-diligence process".
    package var stepText: String
    package var related: [LinkView]
    package var previous: LinkView?
    package var next: LinkView?
}

// Field lookup for templates: one case per stored property.
extension GuidanceView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "order": return order.templateValue
        case "stepText": return stepText.templateValue
        case "related": return related.templateValue
        case "previous": return previous.templateValue
        case "next": return next.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension GuidanceView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("GuidanceView") {
        [
            ("order", .value),
            ("stepText", .value),
            ("related", .list(.object(LinkView.templateSchema))),
            ("previous", .object(LinkView.templateSchema)),
            ("next", .object(LinkView.templateSchema)),
        ]
    }
}
