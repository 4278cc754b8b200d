import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a country profile (`countries/<iso>.md`).
public struct CountryProfile: Sendable {
    /// ISO 3166-1 alpha-2, upper case; equals the file name.
    public var country: String
    public var region: String
    public var risk: String
    /// Which rule of the methodology gives `risk`, on which cited facts
    /// (inline Markdown); required unless `risk` is `unknown`.
    public var riskBasis: Located<String>?
    /// In the order of `factors` in `site.yml`.
    public var factors: [FactorAssessment]
    public var regimes: [String]
    public var measures: [Measure]
    /// Product slugs.
    public var products: [Located<String>]
    public var concerns: [Concern]
    public var reviewed: PartialDate
    public var reviewedBy: String?
}
