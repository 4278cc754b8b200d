import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The risk matrix page.
extension SiteRenderer {
    package func matrixView(from path: String) -> MatrixView {
        let categories = site.categories.terms
        var concerns = 0
        let regions = site.regions.terms.compactMap { region -> MatrixView.RegionGroup? in
            let countries = reads.memberPages(of: region.id, in: .region)
            guard !countries.isEmpty else { return nil }
            let rows = countries.map { country -> MatrixView.Row in
                let read = reads.concerns(of: country)
                let riskBasis = read?.riskBasis.map { MarkdownDocument.plainText(ofInline: $0.value) }
                let byCategory = read.map(matrixConcerns) ?? [:]
                let cells = categories.map { category -> MatrixView.Cell in
                    let inCategory = byCategory[category.id] ?? []
                    concerns += inCategory.isEmpty ? 0 : 1
                    let products = reads.pages(inCategory.flatMap(\.1))
                    let views = inCategory.map { concern, ids in
                        concernView(concern, of: country, from: path, showingCountry: false, products: ids)
                    }
                    return .init(products: pageLinks(products, from: path, summaries: false), concerns: views,
                                 concern: !inCategory.isEmpty, category: category.label)
                }
                return .init(country: link(to: country, from: path, summary: false), riskBasis: riskBasis, cells: cells)
            }
            return .init(region: link(to: region.id, in: .region, from: path), rows: rows, span: categories.count + 1)
        }
        return MatrixView(columns: categories.map { link(to: $0.id, in: .category, from: path) }, regions: regions, concerns: concerns,
                          countText: strings.count("matrix_count", concerns))
    }

    /// A country's concerns by category id, each with the products it names
    /// in that category: what its row of the matrix shows, for the page and
    /// the data export alike. A concern counts in each category it names and
    /// in the category of each product it names. `read`: the country's, as
    /// `reads.concerns(of:)` gave them (the caller shows its risk basis too).
    package func matrixConcerns(_ read: CountryConcerns) -> [String: [(concern: Concern, products: [PageID])]] {
        var byCategory: [String: [(concern: Concern, products: [PageID])]] = [:]
        for concern in read.concerns {
            var named: [String: [PageID]] = [:]
            for slug in concern.products {
                let id = PageID(.product, slug.value)
                guard let product = reads.page(id), case .product(let p) = reads.details(of: product) else { continue }
                named[p.category, default: []].append(id)
            }
            var categories = concern.categories.map(\.value)
            for category in named.keys.sorted() where !categories.contains(category) { categories.append(category) }
            for category in categories {
                byCategory[category, default: []].append((concern, named[category] ?? []))
            }
        }
        return byCategory
    }

    package func renderMatrix() -> OutputFile {
        let path = Paths.matrix
        let intro = strings["matrix_intro"]
        var context = layout(path: path, title: strings["matrix_title"], description: intro, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        context.matrix = matrixView(from: path)
        return listingFile(path, context, template: "matrix")
    }
}
