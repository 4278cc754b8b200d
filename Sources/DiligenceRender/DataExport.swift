import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The knowledge base as data, for `data/diligence.json` and the CSV files
/// beside it (docs/data-export.md): what the pages say, as plain text (inline
/// Markdown stripped as the screening data strips it), with page URLs
/// relative to the site root. Lists are in page order (countries and
/// products by slug, steps by `order`, factors in `site.yml` order), the
/// matrix in the matrix page's order, so a build of the same content writes
/// the same bytes.
package struct DataExport: Sendable {
    /// A vocabulary term: its id (stable, for scripts) and its label (as
    /// pages show it).
    package struct Term: Sendable, Equatable {
        package var id: String
        package var label: String
    }

    package struct Risk: Sendable {
        package var id: String
        package var label: String
        /// Which rule gives the rating, as plain text; nil when not assessed.
        package var basis: String?
    }

    /// A cited source, resolved to the page's `sources` entry when the
    /// citation names one (by number, or by an equal URL).
    package struct Citation: Sendable {
        package var title: String
        package var publisher: String?
        package var date: String?
        /// The document's own address; nil for a source cited by reference only.
        package var url: String?
        package var reference: String?
        /// The 1-based number of the entry in the page's `sources`, if any.
        package var entry: Int?
    }

    package struct Factor: Sendable {
        package var id: String
        package var label: String
        package var status: Term
        package var note: String?
        package var source: Citation?
    }

    package struct Measure: Sendable {
        package var authority: String
        package var text: String
        package var date: String?
        package var restrictsExports: Bool
        package var source: Citation?
    }

    package struct Concern: Sendable {
        /// Product slugs.
        package var products: [String]
        /// Category ids.
        package var categories: [String]
        package var basis: String
        package var source: Citation
    }

    package struct Country: Sendable {
        /// The page's slug (the ISO code in lower case).
        package var id: String
        package var code: String
        package var title: String
        package var url: String
        package var summary: String
        package var region: Term
        package var risk: Risk
        package var reviewed: String
        package var reviewedBy: String?
        /// Only the factors the profile assesses, in `site.yml` order.
        package var factors: [Factor]
        package var measures: [Measure]
        package var concerns: [Concern]
        package var regimes: [Term]
        package var sources: [Citation]
    }

    package struct Control: Sendable {
        package var regime: Term
        package var entry: String?
        package var note: String?
    }

    package struct Product: Sendable {
        package var id: String
        package var title: String
        package var url: String
        package var summary: String
        package var category: Term
        package var risk: Risk
        package var capabilities: [String]
        package var misuse: [String]
        package var redFlags: [String]
        package var safeguards: [String]
        package var controls: [Control]
        /// Countries of concern: either page names the other (country slugs).
        package var countries: [String]
        package var sources: [Citation]
    }

    package struct Step: Sendable {
        package var id: String
        package var order: Int
        package var title: String
        package var url: String
        package var summary: String
    }

    /// One concern in a matrix cell, with the products it names in the
    /// cell's category.
    package struct CellConcern: Sendable {
        package var products: [String]
        package var basis: String
        package var source: Citation
    }

    /// One cell of the risk matrix: a country × a product category, marked
    /// when it holds a documented concern.
    package struct Cell: Sendable {
        package var country: String
        package var countryTitle: String
        package var region: Term
        package var risk: Risk
        package var category: Term
        package var concerns: [CellConcern]
    }

    /// What to read and export: each file needs only some of it.
    package struct Parts: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        package static let countries = Parts(rawValue: 1)
        package static let products = Parts(rawValue: 2)
        package static let guidance = Parts(rawValue: 4)
        package static let matrix = Parts(rawValue: 8)
        package static let all: Parts = [.countries, .products, .guidance, .matrix]
    }

    package var kept = KeptPieces()
    /// Every country and product in page order, kept or built: `countries`
    /// and `products` hold only the built ones, in the same order.
    package var countryOrder: [PageID] = []
    package var productOrder: [PageID] = []

    package var title: String
    /// The edition the data belongs to, as every page names it.
    package var edition: Edition
    package var countries: [Country] = []
    package var products: [Product] = []
    package var guidance: [Step] = []
    /// Every country × category, in the matrix page's order (regions in
    /// `site.yml` order, countries by name A to Z as the page shows them, categories in `site.yml` order).
    package var matrix: [Cell] = []
    /// Product titles by slug, for the matrix's CSV.
    package var productTitles: [String: String] = [:]
}
