/// The risk matrix page.
extension SiteRenderer {
    func matrixView(from path: String) -> MatrixView {
        let categories = site.categories.terms
        var concerns = 0
        let regions = site.regions.terms.compactMap { region -> MatrixView.RegionGroup? in
            let countries = graph.members(of: region.id, in: .region).compactMap { graph.byID[$0] }
            guard !countries.isEmpty else { return nil }
            let rows = countries.map { country -> MatrixView.Row in
                // The country's products by category, in one pass over them.
                var byCategory: [String: [ParsedPage]] = [:]
                for product in (graph.countryProducts[country.id] ?? []).compactMap({ graph.byID[$0] }) {
                    let terms = Taxonomy.category.terms(of: product.page)
                    for (i, term) in terms.enumerated() where !terms[..<i].contains(term) {
                        byCategory[term, default: []].append(product)
                    }
                }
                let cells = categories.map { category -> MatrixView.Cell in
                    let inCategory = byCategory[category.id] ?? []
                    concerns += inCategory.isEmpty ? 0 : 1
                    return .init(products: pageLinks(inCategory, from: path, summaries: false),
                                 concern: !inCategory.isEmpty, category: category.label)
                }
                return .init(country: link(to: country, from: path, summary: false), cells: cells)
            }
            return .init(region: link(to: region.id, in: .region, from: path), rows: rows, span: categories.count + 1)
        }
        return MatrixView(columns: categories.map { link(to: $0.id, in: .category, from: path) }, regions: regions, concerns: concerns)
    }

    func renderMatrix() -> OutputFile {
        let path = Paths.matrix
        let intro = "Countries by product category. A marked cell means a product of that category lists the country, or the country lists the product, as a documented concern; it links the product pages. An empty cell means no concern is documented here yet, not that there is none."
        var context = layout(path: path, title: "Risk matrix", description: intro, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        context.matrix = matrixView(from: path)
        return listingFile(path, context, template: "matrix")
    }
}
