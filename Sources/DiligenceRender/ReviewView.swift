import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The review-status page for editors: country profiles by review date,
/// overdue first, and the pages nothing links to.
public struct ReviewView: Sendable {
    public struct Row: Sendable {
        public var country: LinkView
        public var reviewed: String
        public var reviewedISO: String
        public var reviewedBy: String?
        public var overdue: Bool
        /// "Overdue by 3 months" or "Due in 5 months".
        public var status: String
        public var unknownFactors: Int
    }

    public var intervalMonths: Int
    public var rows: [Row]
    public var overdueCount: Int
    public var orphans: [LinkView]
    public var unassessed: [LinkView]
}

// Field lookup for templates: one case per stored property.
extension ReviewView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "intervalMonths": return intervalMonths.templateValue
        case "rows": return rows.templateValue
        case "overdueCount": return overdueCount.templateValue
        case "orphans": return orphans.templateValue
        case "unassessed": return unassessed.templateValue
        default: return .missing
        }
    }
}

extension ReviewView.Row: TemplateObject {
    public func value(named name: String) -> TemplateValue {
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
