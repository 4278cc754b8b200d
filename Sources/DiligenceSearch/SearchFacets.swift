import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// `search/facets.js`: for each filter (kind, region, risk level, category,
/// regime), its values in vocabulary order with their labels and pages
/// (ascending numbers, `SearchNumbering`, in the shortest of four
/// encodings: see `encode` and `encodeTables`), or, for a filter where a
/// page has one value at most and it is shorter, each page's value
/// (`encodeEach`). Loaded by the results page only, to count and filter.
package struct SearchFacets: Codable, Equatable {
    package struct Value: Codable, Equatable {
        package var id: String
        package var label: String
        package var docs: String
    }

    package struct Dimension: Codable, Equatable {
        package var id: String
        package var label: String
        package var values: [Value]
        /// Each page's value, when shorter than the values' page lists
        /// (which are then empty): see `encodeEach`.
        package var each: String?
    }

    package var dims: [Dimension]

    /// - Parameters:
    ///   - docs: each number's facet values (`SearchDocument.facets`), nil
    ///     for a number no page has.
    ///   - tables: the numbering's tables (`SearchNumbering.tables`): a
    ///     value whose pages fill whole tables is given as their ranges.
    package init(_ docs: [[String: [String]]?], tables: [Range<Int>] = [], site: SiteConfig, strings: InterfaceStrings = .english) {
        // One pass over the pages: dimension → value → its pages, ascending.
        var pagesOf: [String: [String: [Int]]] = [:]
        for (i, facets) in docs.enumerated() {
            for (dimension, values) in facets ?? [:] {
                for value in values { pagesOf[dimension, default: [:]][value, default: []].append(i) }
            }
        }
        let taken = tables.map { table in table.reduce(0) { $0 + (docs.indices.contains($1) && docs[$1] != nil ? 1 : 0) } }
        self.init(pagesOf: pagesOf, tables: tables, taken: taken, site: site, strings: strings)
    }

    /// - Parameters:
    ///   - pagesOf: dimension → value → its pages, ascending, each once.
    ///   - taken: how many pages each table holds.
    package init(pagesOf: [String: [String: [Int]]], tables: [Range<Int>], taken: [Int], site: SiteConfig,
                 strings: InterfaceStrings = .english) {
        var dimensions: [(String, String, [Vocabulary.Term])] = [
            ("kind", strings["search_filter_kind"], PageKind.allCases.map { .init(id: $0.rawValue, label: strings.pluralLabel($0)) }),
        ]
        for taxonomy in Taxonomy.allCases {
            var terms = taxonomy.vocabulary(site).terms
            if taxonomy == .risk { terms = terms.map { .init(id: $0.id, label: RiskView($0.id, in: site.riskLevels, strings: strings).label) } }
            dimensions.append((taxonomy.rawValue, strings.label(taxonomy), terms))
        }
        func shortest(_ pages: [Int]) -> String {
            let listed = SearchFacets.encode(pages)
            guard let ranges = SearchFacets.encodeTables(pages, tables: tables, taken: taken),
                  ranges.utf8.count < listed.utf8.count else { return listed }
            return ranges
        }
        dims = dimensions.map { id, label, terms in
            let listed = terms.compactMap { term in pagesOf[id]?[term.id].flatMap { $0.isEmpty ? nil : (term, $0) } }
            let values = listed.map { term, pages in Value(id: term.id, label: term.label, docs: shortest(pages)) }
            if let each = SearchFacets.encodeEach(listed.map(\.1)), each.utf8.count < values.reduce(0, { $0 + $1.docs.utf8.count }) {
                return Dimension(id: id, label: label, values: values.map { .init(id: $0.id, label: $0.label, docs: "") }, each: each)
            }
            return Dimension(id: id, label: label, values: values)
        }.filter { !$0.values.isEmpty }
    }

    /// The values of a filter where no page has two, page by page:
    /// `s:p:digits` — from page `s` (base 36) to the last page with a value,
    /// `p` pages per digit of the alphabet `0-9a-zA-Z-_` (base 64), each page
    /// the number of its value in `values` plus one (0: none), the first page
    /// the most significant. Six product categories and none (seven states,
    /// two pages per digit) take 4.6 kB at 9,230 products, against 11.1 kB as
    /// six bitmaps. Nil when a page has two values or there is no page.
    package static func encodeEach(_ values: [[Int]]) -> String? {
        // Each page's value by page number (an array: the pages are numbered from 0).
        guard let last = values.compactMap({ $0.max() }).max() else { return nil }
        var valueOf = [Int](repeating: 0, count: last + 1)
        for (k, pages) in values.enumerated() {
            for page in pages {
                guard valueOf[page] == 0 else { return nil }
                valueOf[page] = k + 1
            }
        }
        guard let first = valueOf.firstIndex(where: { $0 != 0 }) else { return nil }
        let states = values.count + 1
        var perDigit = 0
        var capacity = 1
        while capacity * states <= 64 { capacity *= states; perDigit += 1 }
        guard perDigit > 0 else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity((last - first) / perDigit + 1)
        var page = first
        while page <= last {
            var code = 0
            for k in 0..<perDigit { code = code * states + (page + k <= last ? valueOf[page + k] : 0) }
            digits.append(eachAlphabet[code])
            page += perDigit
        }
        return String(first, radix: 36) + ":" + String(perDigit) + ":" + String(decoding: digits, as: UTF8.self)
    }

    /// A value's pages as the tables they fill: `~g,l,g,l,…`, ranges of
    /// numbers each `g` after the previous range's end (from 0) and `l`
    /// long, base 36, as runs are written. Exact, though a range holds
    /// numbers no page has: a result always has a page. Nil unless every
    /// table holds all of its pages in `pages` or none. A kind, or a
    /// product category, is one range (four bytes or so) where its pages
    /// as a bitmap over slots took several kilobytes.
    /// - Parameter taken: pages in each table.
    package static func encodeTables(_ pages: [Int], tables: [Range<Int>], taken: [Int]) -> String? {
        guard !pages.isEmpty, !tables.isEmpty else { return nil }
        var ranges: [Range<Int>] = []
        var k = 0
        for (table, count) in zip(tables, taken) {
            if k < pages.count, pages[k] < table.lowerBound { return nil }  // a page outside every table
            var inTable = 0
            while k + inTable < pages.count, pages[k + inTable] < table.upperBound { inTable += 1 }
            k += inTable
            guard inTable > 0 else { continue }
            guard inTable == count else { return nil }
            if let last = ranges.last, last.upperBound == table.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<table.upperBound
            } else {
                ranges.append(table)
            }
        }
        guard k == pages.count else { return nil }
        var out = JSONBytes(capacity: 16)
        out.bytes.append(UInt8(ascii: "~"))
        var end = 0
        for (i, range) in ranges.enumerated() {
            if i > 0 { out.bytes.append(UInt8(ascii: ",")) }
            out.base36(range.lowerBound - end)
            out.bytes.append(UInt8(ascii: ","))
            out.base36(range.count)
            end = range.upperBound
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static let eachAlphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)

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
        // Written as bytes: strings per page were most of the facets' cost
        // when a new page renumbered every page (10,000 pages, 8 filters).
        var deltas = JSONBytes(capacity: pages.count * 3)
        var previous = 0
        for (k, page) in pages.enumerated() {
            if k > 0 { deltas.bytes.append(UInt8(ascii: ",")) }
            deltas.base36(page - previous)
            previous = page
        }
        var runs = JSONBytes(capacity: 16)
        runs.bytes.append(UInt8(ascii: "+"))
        var end = 0
        var k = 0
        while k < pages.count {
            var length = 1
            while k + length < pages.count, pages[k + length] == pages[k] + length { length += 1 }
            if k > 0 { runs.bytes.append(UInt8(ascii: ",")) }
            runs.base36(pages[k] - end)
            runs.bytes.append(UInt8(ascii: ","))
            runs.base36(length)
            end = pages[k] + length
            k += length
        }
        var best = runs.bytes.count < deltas.bytes.count ? runs.bytes : deltas.bytes
        let span = last - first + 1
        if (span + 4) / 5 < best.count {
            var digits = [UInt8](repeating: 0, count: (span + 4) / 5)
            for page in pages { digits[(page - first) / 5] |= 1 << (4 - (page - first) % 5) }
            var bits = JSONBytes(capacity: digits.count + 8)
            bits.bytes.append(UInt8(ascii: "!"))
            bits.base36(first)
            bits.bytes.append(UInt8(ascii: ":"))
            bits.bytes += digits.map { bitsAlphabet[Int($0)] }
            if bits.bytes.count < best.count { best = bits.bytes }
        }
        return String(decoding: best, as: UTF8.self)
    }

    static let bitsAlphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
}
