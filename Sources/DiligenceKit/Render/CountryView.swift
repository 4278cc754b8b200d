/// The fields of a country profile, ready for `country.mustache`.
public struct CountryView: Sendable {
    public struct FactorView: Sendable {
        public var label: String
        public var status: String
        public var statusLabel: String
        public var unknown: Bool
        public var noteHTML: String?
        public var sourceURL: String?
        public var sourceLabel: String?
    }

    public struct MeasureView: Sendable {
        public var authority: String
        public var measureHTML: String
        public var date: String?
        public var url: String?
    }

    public var code: String
    public var region: LinkView
    public var risk: RiskView
    public var factors: [FactorView]
    public var hasUnknownFactors: Bool
    public var regimes: [LinkView]
    public var measures: [MeasureView]
    public var products: [LinkView]
    public var reviewed: String
    public var reviewedISO: String
    public var reviewedBy: String?
    public var overdue: Bool
    public var reviewIntervalMonths: Int
    /// The screening page with this country chosen.
    public var screeningURL: String
}
