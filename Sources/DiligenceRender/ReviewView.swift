import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The review-status page for editors: country profiles by review date,
/// overdue first, and the pages nothing links to.
package struct ReviewView: Sendable {
    package struct Row: Sendable {
        package var country: LinkView
        package var reviewed: String
        package var reviewedISO: String
        package var reviewedBy: String?
        package var overdue: Bool
        /// "Overdue by 3 months" or "Due in 5 months".
        package var status: String
        package var unknownFactors: Int
    }

    package var intervalMonths: Int
    package var rows: [Row]
    package var overdueCount: Int
    /// "2 of the profiles below are overdue."
    package var overdueText: String
    package var orphans: [LinkView]
    package var unassessed: [LinkView]
}

// Field lookup for templates: one case per stored property.
extension ReviewView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "intervalMonths": return intervalMonths.templateValue
        case "rows": return rows.templateValue
        case "overdueCount": return overdueCount.templateValue
        case "overdueText": return overdueText.templateValue
        case "orphans": return orphans.templateValue
        case "unassessed": return unassessed.templateValue
        default: return .missing
        }
    }
}

extension ReviewView.Row: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "country": return country.templateValue
        case "reviewed": return reviewed.templateValue
        case "reviewedISO": return reviewedISO.templateValue
        case "reviewedBy": return reviewedBy.templateValue
        case "overdue": return overdue.templateValue
        case "status": return status.templateValue
        case "unknownFactors": return unknownFactors.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension ReviewView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ReviewView") {
        [
            ("intervalMonths", .value),
            ("rows", .list(.object(ReviewView.Row.templateSchema))),
            ("overdueCount", .value),
            ("overdueText", .value),
            ("orphans", .list(.object(LinkView.templateSchema))),
            ("unassessed", .list(.object(LinkView.templateSchema))),
        ]
    }
}

extension ReviewView.Row: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ReviewView.Row") {
        [
            ("country", .object(LinkView.templateSchema)),
            ("reviewed", .value),
            ("reviewedISO", .value),
            ("reviewedBy", .value),
            ("overdue", .value),
            ("status", .value),
            ("unknownFactors", .value),
        ]
    }
}
