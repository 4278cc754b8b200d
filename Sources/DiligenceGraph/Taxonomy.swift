import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// The ways pages are classified by the controlled vocabularies of `site.yml`.
/// Each term of each taxonomy gets a page listing its members
/// (`regions/east-asia-pacific.html`), so a reader can browse sideways:
/// every high-risk page, every biometric product, every ECHRI subscriber.
package enum Taxonomy: String, Sendable, CaseIterable, Hashable, Comparable {
    /// Countries, by `region`.
    case region
    /// Products and countries, by `risk` (including `unknown`).
    case risk
    /// Products, by `category`.
    case category
    /// Countries by `regimes`, and products whose `controls` name the regime.
    case regime

    /// The output folder of its pages. None clashes with a content folder.
    package var folder: String {
        switch self {
        case .region: return "regions"
        case .risk: return "risk-levels"
        case .category: return "categories"
        case .regime: return "regimes"
        }
    }

    package var label: String {
        switch self {
        case .region: return "Region"
        case .risk: return "Risk level"
        case .category: return "Product category"
        case .regime: return "Regime"
        }
    }

    package var pluralLabel: String {
        switch self {
        case .region: return "Regions"
        case .risk: return "Risk levels"
        case .category: return "Product categories"
        case .regime: return "Regimes"
        }
    }

    /// The terms, in the order `site.yml` lists them.
    package func vocabulary(_ site: SiteConfig) -> Vocabulary {
        switch self {
        case .region: return site.regions
        case .risk: return site.riskLevelsWithUnknown
        case .category: return site.categories
        case .regime: return site.regimes
        }
    }

    /// The output path of a term's page.
    package func outputPath(_ term: String) -> String { "\(folder)/\(term).html" }

    /// The output path of the page listing every term.
    package var indexPath: String { "\(folder)/index.html" }

    /// The terms a page is classified under in this taxonomy.
    package func terms(of page: Page) -> [String] {
        terms(of: page.details)
    }

    /// The same from a page's details, for loops that take them out once
    /// (reading `parsed.page` copies the whole page).
    package func terms(of details: PageDetails) -> [String] {
        switch details {
        case .country(let c):
            switch self {
            case .region: return [c.region]
            case .risk: return [c.risk]
            case .regime: return c.regimes
            case .category: return []
            }
        case .product(let p):
            switch self {
            case .risk: return [p.risk]
            case .category: return [p.category]
            case .regime: return p.controls.map(\.regime)
            case .region: return []
            }
        case .guidance, .page:
            return []
        }
    }

    package static func < (lhs: Taxonomy, rhs: Taxonomy) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
