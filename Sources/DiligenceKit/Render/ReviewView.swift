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
