import Mustache

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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension ReviewView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "intervalMonths": return intervalMonths
        case "rows": return rows
        case "overdueCount": return overdueCount
        case "orphans": return orphans
        case "unassessed": return unassessed
        default: return nil
        }
    }
}

extension ReviewView.Row: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "country": return country
        case "reviewed": return reviewed
        case "reviewedISO": return reviewedISO
        case "reviewedBy": return reviewedBy
        case "overdue": return overdue
        case "status": return status
        case "unknownFactors": return unknownFactors
        default: return nil
        }
    }
}
