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
    /// Every language of the site, the default (`language`) first; one
    /// entry for a site in one language.
    package var languages: [SiteLanguage] = []
    /// The site's default language: pages at the root, originals in
    /// `<slug>.md`. Equal to `language` except in a `localized` copy.
    package var defaultLanguage: String = ""

    /// True for a site with more than one language.
    package var isMultilingual: Bool { languages.count > 1 }

    /// The folder of a language's pages from the site's root: "" for the
    /// default language, "fr/" for French.
    package func folder(of language: String) -> String {
        language == defaultLanguage ? "" : language + "/"
    }

    /// This site as readers of `language` see it: that language's title,
    /// description and labels (the default's where it gives none), the
    /// base URL of its folder. The vocabularies' ids and order are the same.
    package func localized(_ code: String) -> SiteConfig {
        guard code != language, let entry = languages.first(where: { $0.code == code }) else { return self }
        var site = self
        site.language = code
        site.title = entry.title.isEmpty ? title : entry.title
        site.description = entry.description.isEmpty ? description : entry.description
        if let baseURL { site.baseURL = baseURL + (baseURL.hasSuffix("/") ? "" : "/") + code + "/" }
        func relabel(_ vocabulary: Vocabulary, _ name: String) -> Vocabulary {
            let labels = entry.labels[name] ?? [:]
            return Vocabulary(vocabulary.terms.map { .init(id: $0.id, label: labels[$0.id] ?? $0.label) })
        }
        site.riskLevels = relabel(riskLevels, "risk_levels")
        site.regions = relabel(regions, "regions")
        site.categories = relabel(categories, "categories")
        site.factors = relabel(factors, "factors")
        site.regimes = relabel(regimes, "regimes")
        site.unknownRiskLabel = entry.labels["risk_levels"]?[SiteConfig.unknownRisk] ?? unknownRiskLabel
        return site
    }

    /// How `unknown` reads: "Not assessed".
    package var unknownRiskLabel = "Not assessed"

    /// An editor who cannot yet source a risk level writes `unknown`: it is
    /// accepted wherever a risk level is, and shown as "Not assessed".
    package static let unknownRisk = "unknown"

    /// The risk levels plus `unknown`, for validating `risk` fields.
    package var riskLevelsWithUnknown: Vocabulary {
        Vocabulary(riskLevels.terms + [.init(id: SiteConfig.unknownRisk, label: unknownRiskLabel)])
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
        self.defaultLanguage = language
        self.languages = [SiteLanguage(code: language, name: SiteLanguage.nativeName(language), title: title, description: description)]
    }
}
