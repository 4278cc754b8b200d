import DiligenceDiagnostics
import DiligenceSupport

/// `site.yml`: the site's settings and the controlled vocabularies every page
/// is checked against.
package struct SiteConfig: Sendable {
    package var title: String
    package var description: String
    /// BCP 47 tag for the `lang` attribute.
    package var language: String
    /// Absolute URL the site is published at; only the sitemap and feed need it.
    package var baseURL: String?
    /// A country profile reviewed longer ago than this is "review overdue".
    package var reviewIntervalMonths: Int
    /// Risk levels, lowest first.
    package var riskLevels: Vocabulary
    package var regions: Vocabulary
    package var categories: Vocabulary
    package var factors: Vocabulary
    package var regimes: Vocabulary
    /// Logo, accent colours and footer line for the built-in templates.
    package var branding = Branding()

    /// An editor who cannot yet source a risk level writes `unknown`: it is
    /// accepted wherever a risk level is, and shown as "Not assessed".
    package static let unknownRisk = "unknown"

    /// The risk levels plus `unknown`, for validating `risk` fields.
    package var riskLevelsWithUnknown: Vocabulary {
        Vocabulary(riskLevels.terms + [.init(id: SiteConfig.unknownRisk, label: "Not assessed")])
    }

    package init(title: String, description: String, language: String, baseURL: String?,
                reviewIntervalMonths: Int, riskLevels: Vocabulary, regions: Vocabulary,
                categories: Vocabulary, factors: Vocabulary, regimes: Vocabulary) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.reviewIntervalMonths = reviewIntervalMonths
        self.riskLevels = riskLevels
        self.regions = regions
        self.categories = categories
        self.factors = factors
        self.regimes = regimes
    }
}
