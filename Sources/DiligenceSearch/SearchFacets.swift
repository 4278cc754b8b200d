import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// `search/facets.js`: for each filter (kind, region, risk level, category,
/// regime), its values in vocabulary order with their labels and pages
/// (ascending page numbers, delta-encoded in base 36). Loaded by the results
/// page only, to count and filter.
package struct SearchFacets: Encodable {
    package struct Value: Encodable {
        package var id: String
        package var label: String
        package var docs: String
    }

    package struct Dimension: Encodable {
        package var id: String
        package var label: String
        package var values: [Value]
    }

    package var dims: [Dimension]

    package init(_ docs: [[String: [String]]], site: SiteConfig) {
        var dimensions: [(String, String, [Vocabulary.Term])] = [
            ("kind", "Kind", PageKind.allCases.map { .init(id: $0.rawValue, label: $0.pluralLabel) }),
        ]
        for taxonomy in Taxonomy.allCases {
            var terms = taxonomy.vocabulary(site).terms
            if taxonomy == .risk { terms = terms.map { .init(id: $0.id, label: RiskView($0.id, in: site.riskLevels).label) } }
            dimensions.append((taxonomy.rawValue, taxonomy.label, terms))
        }
        // One pass over the pages: dimension → value → its pages, ascending.
        var pagesOf: [String: [String: [Int]]] = [:]
        for (i, facets) in docs.enumerated() {
            for (dimension, values) in facets {
                for value in values { pagesOf[dimension, default: [:]][value, default: []].append(i) }
            }
        }
        dims = dimensions.map { id, label, terms in
            let values = terms.compactMap { term -> Value? in
                guard let pages = pagesOf[id]?[term.id] else { return nil }
                var encoded: [String] = []
                encoded.reserveCapacity(pages.count)
                var previous = 0
                for i in pages {
                    encoded.append(String(i - previous, radix: 36))
                    previous = i
                }
                return Value(id: term.id, label: term.label, docs: encoded.joined(separator: ","))
            }
            return Dimension(id: id, label: label, values: values)
        }.filter { !$0.values.isEmpty }
    }
}
