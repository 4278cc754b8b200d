import DiligenceDiagnostics
import DiligenceSupport

/// `site.yml`: the site's settings and the controlled vocabularies every page
/// is checked against.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// BCP 47 tag for the `lang` attribute.
    public var language: String
    /// Absolute URL the site is published at; only the sitemap and feed need it.
    public var baseURL: String?
    /// A country profile reviewed longer ago than this is "review overdue".
    public var reviewIntervalMonths: Int
    /// Risk levels, lowest first.
    public var riskLevels: Vocabulary
    public var regions: Vocabulary
    public var categories: Vocabulary
    public var factors: Vocabulary
    public var regimes: Vocabulary

    /// An editor who cannot yet source a risk level writes `unknown`: it is
    /// accepted wherever a risk level is, and shown as "Not assessed".
    public static let unknownRisk = "unknown"

    /// The risk levels plus `unknown`, for validating `risk` fields.
    public var riskLevelsWithUnknown: Vocabulary {
        Vocabulary(riskLevels.terms + [.init(id: SiteConfig.unknownRisk, label: "Not assessed")])
    }

    public init(title: String, description: String, language: String, baseURL: String?,
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
