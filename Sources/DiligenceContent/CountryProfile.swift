import DiligenceDiagnostics
import DiligenceSupport

/// The fields of a country profile (`countries/<iso>.md`).
package struct CountryProfile: Sendable {
    /// ISO 3166-1 alpha-2, upper case; equals the file name.
    package var country: String
    package var region: String
    package var risk: String
    /// Which rule of the methodology gives `risk`, on which cited facts
    /// (inline Markdown); required unless `risk` is `unknown`.
    package var riskBasis: Located<String>?
    /// In the order of `factors` in `site.yml`.
    package var factors: [FactorAssessment]
    package var regimes: [String]
    package var measures: [Measure]
    /// Product slugs.
    package var products: [Located<String>]
    package var concerns: [Concern]
    package var reviewed: PartialDate
    package var reviewedBy: String?
}
