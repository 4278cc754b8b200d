import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// `search/facets.js`: for each filter (kind, region, risk level, category,
/// regime), its values in vocabulary order with their labels and pages
/// (ascending page numbers, in the shortest of three encodings: see
/// `encode`). Loaded by the results page only, to count and filter.
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

    package init(_ docs: [[String: [String]]], site: SiteConfig, strings: InterfaceStrings = .english) {
        var dimensions: [(String, String, [Vocabulary.Term])] = [
            ("kind", strings["search_filter_kind"], PageKind.allCases.map { .init(id: $0.rawValue, label: strings.pluralLabel($0)) }),
        ]
        for taxonomy in Taxonomy.allCases {
            var terms = taxonomy.vocabulary(site).terms
            if taxonomy == .risk { terms = terms.map { .init(id: $0.id, label: RiskView($0.id, in: site.riskLevels, strings: strings).label) } }
            dimensions.append((taxonomy.rawValue, strings.label(taxonomy), terms))
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
                return Value(id: term.id, label: term.label, docs: SearchFacets.encode(pages))
            }
            return Dimension(id: id, label: label, values: values)
        }.filter { !$0.values.isEmpty }
    }

    /// A value's pages (ascending), in whichever of three forms is shortest
    /// (the first on a tie):
    /// - `d,d,…`: deltas from the previous page (from 0), base 36;
    /// - `+g,l,g,l,…`: runs, each `g` pages after the previous run's end
    ///   (from 0) and `l` pages long, base 36 — a kind's pages, or a risk
    ///   level most products share, are a few runs;
    /// - `!s:bits`: from page `s` (base 36), five pages per base-32 digit,
    ///   the first page the highest bit — a category holding one product in six.
    package static func encode(_ pages: [Int]) -> String {
        guard let first = pages.first, let last = pages.last else { return "" }
        var deltas: [String] = []
        deltas.reserveCapacity(pages.count)
        var previous = 0
        for page in pages {
            deltas.append(String(page - previous, radix: 36))
            previous = page
        }
        var runs: [String] = []
        var end = 0
        var k = 0
        while k < pages.count {
            var length = 1
            while k + length < pages.count, pages[k + length] == pages[k] + length { length += 1 }
            runs.append(String(pages[k] - end, radix: 36))
            runs.append(String(length, radix: 36))
            end = pages[k] + length
            k += length
        }
        var candidates = [deltas.joined(separator: ","), "+" + runs.joined(separator: ",")]
        let span = last - first + 1
        if (span + 4) / 5 < candidates.map(\.utf8.count).min()! {
            var digits = [UInt8](repeating: 0, count: (span + 4) / 5)
            for page in pages { digits[(page - first) / 5] |= 1 << (4 - (page - first) % 5) }
            let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
            candidates.append("!" + String(first, radix: 36) + ":" + String(decoding: digits.map { alphabet[Int($0)] }, as: UTF8.self))
        }
        return candidates.min { $0.utf8.count < $1.utf8.count }!
    }
}
