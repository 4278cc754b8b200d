import DiligenceContent
import DiligenceGraph
import DiligenceMarkdown
import DiligenceRender
import DiligenceSupport

/// What the search index knows of one page: its text by field (for ranking)
/// and the record a result shows (title, summary, sections for snippets and
/// deep links, facet values for filters). Built from the same parse as the
/// HTML: the section text comes from the page's cmark tree.
package struct SearchDocument {
    /// Fields in ranking order; weights in `SearchIndexBuilder.weights`.
    package enum Field: Int, CaseIterable {
        case title, headings, summary, lists, body
        /// The labels a page shows (region, category, regimes, risk level)
        /// and the names of the pages its own lists name (a product's
        /// countries, a country's products).
        case labels
    }

    /// The record the browser loads for a result (`search/d/<n>.js`).
    package struct Record {
        /// Title, URL (from the site root), kind label, summary, risk label.
        package var t: String
        package var u: String
        package var k: String
        package var s: String
        package var r: String?
        /// Sections: [heading id ("" before the first heading), heading text, text].
        package var x: [[String]]

        /// `DiligenceSearch.put(null,{…});`: the key is the name the script
        /// element was loaded under (`search.js` reads it from
        /// `document.currentScript`), so the file does not carry its page
        /// number, and renumbering pages renames record files instead of
        /// rewriting them.
        package func script() -> [UInt8] {
            var json = JSONBytes(capacity: 256 + x.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count } })
            json.raw("DiligenceSearch.put(null,{\"t\":")
            json.string(t)
            json.raw(",\"u\":")
            json.string(u)
            json.raw(",\"k\":")
            json.string(k)
            json.raw(",\"s\":")
            json.string(s)
            json.raw(",\"r\":")
            json.optionalString(r)
            json.raw(",\"x\":[")
            for (i, section) in x.enumerated() {
                if i > 0 { json.bytes.append(UInt8(ascii: ",")) }
                json.bytes.append(UInt8(ascii: "["))
                for (j, part) in section.enumerated() {
                    if j > 0 { json.bytes.append(UInt8(ascii: ",")) }
                    json.string(part)
                }
                json.bytes.append(UInt8(ascii: "]"))
            }
            json.raw("]});\n")
            return json.bytes
        }
    }

    package var text: [Field: [String]] = [:]
    package var record: Record
    /// Facet id → the values this page has (kind, region, risk, category, regime).
    package var facets: [String: [String]]

    /// - Parameter title: the title of another page, for the names of the
    ///   pages this one lists (nil: the page does not exist).
    ///   - strings: the interface's words in the index's language (kinds, risk levels).
    package init(_ parsed: ParsedPage, site: SiteConfig, strings: InterfaceStrings = .english, title: (PageID) -> String? = { _ in nil }) {
        func plain(_ markdown: String) -> String { MarkdownDocument.plainText(ofInline: markdown) }
        let page = parsed.page
        var lists: [String] = []
        var risk: String?
        switch page.details {
        case .product(let p):
            // List items are inline Markdown: indexed and shown as the text a reader sees.
            lists = (p.capabilities + p.misuse + p.redFlags + p.safeguards).map { plain($0.value) }
                + p.controls.map { [$0.entry, $0.note.map { plain($0.value) }].compactMap { $0 }.joined(separator: " ") }
            risk = RiskView(p.risk, in: site.riskLevels, strings: strings).label
        case .country(let c):
            lists = c.factors.compactMap { $0.note.map { plain($0.value) } } + c.measures.map { $0.authority + " " + plain($0.measure.value) }
            risk = RiskView(c.risk, in: site.riskLevels, strings: strings).label
        case .guidance, .page:
            break
        }
        lists += page.tags + page.sources.map(\.title)
        let labels = SearchDocument.labels(of: page, site: site, strings: strings, title: title)
        let headingText = Dictionary(parsed.document.headings.map { ($0.id, $0.text) }, uniquingKeysWith: { a, _ in a })
        text[.title] = [page.title]
        text[.summary] = [page.summary]
        text[.headings] = parsed.document.headings.map(\.text)
        text[.lists] = lists
        text[.body] = parsed.sections.map(\.text)
        text[.labels] = labels
        // Body sections first, so a tie picks the body for the snippet; the
        // list fields and sources last, under no heading.
        var sections: [[String]] = []
        for section in parsed.sections {
            let id = section.headingID ?? ""
            if sections.last?[0] == id { sections[sections.count - 1][2] += " " + section.text }
            else { sections.append([id, headingText[id] ?? "", section.text]) }
        }
        sections.append(["", "", (lists + labels).joined(separator: " · ")])
        record = Record(t: page.title, u: page.id.outputPath, k: strings.label(page.kind), s: page.summary, r: risk,
                        x: sections.filter { !$0[2].isEmpty || !$0[1].isEmpty })
        facets = SearchDocument.facets(of: page)
    }

    /// Facet id → the values a page has (kind, region, risk, category, regime).
    package static func facets(of page: Page) -> [String: [String]] {
        facets(page.kind, page.details)
    }

    /// The same from a page's kind and details: an added page renumbers
    /// every page, whose facets are then all worked out again, and passing
    /// `parsed.page` across modules copied each whole page to do it.
    package static func facets(_ kind: PageKind, _ details: PageDetails) -> [String: [String]] {
        var facets = ["kind": [kind.rawValue]]
        for taxonomy in Taxonomy.allCases {
            let values = taxonomy.terms(of: details)
            // Each once, sorted: a product may list a regime twice.
            if !values.isEmpty { facets[taxonomy.rawValue] = SiteGraphBuilder.sortedUnique(values) }
        }
        return facets
    }

    /// The labels a page shows — region, product category, regimes, risk
    /// level as `site.yml` names them — then the names of the pages its own
    /// lists name: a product's countries, a country's products.
    package static func labels(of page: Page, site: SiteConfig, strings: InterfaceStrings = .english, title: (PageID) -> String?) -> [String] {
        var labels: [String] = []
        for taxonomy in Taxonomy.allCases {
            let terms = taxonomy.vocabulary(site).terms
            for id in taxonomy.terms(of: page) {
                if taxonomy == .risk {
                    labels.append(RiskView(id, in: site.riskLevels, strings: strings).text)
                } else if let term = terms.first(where: { $0.id == id }) {
                    labels.append(term.label)
                }
            }
        }
        labels += listedPages(of: page).compactMap(title)
        return labels
    }

    /// The pages a page's own lists name, in its order: a product's
    /// countries, a country's products. Their titles are in its labels, so
    /// an incremental build indexes the page again when one of them is
    /// added, removed or retitled.
    package static func listedPages(of page: Page) -> [PageID] {
        listedPages(of: page.details)
    }

    /// The kind of the pages a page of `kind` lists (a product's countries,
    /// a country's products), if it lists any: a page whose listed kind had
    /// no page renamed need not be looked at.
    package static func listedKind(of kind: PageKind) -> PageKind? {
        switch kind {
        case .product: .country
        case .country: .product
        case .guidance, .page: nil
        }
    }

    /// The same from a page's details (`facets(_:_:)` says why).
    package static func listedPages(of details: PageDetails) -> [PageID] {
        switch details {
        case .product(let p): return p.countries.map { PageID(.country, $0.value.lowercased()) }
        case .country(let c): return c.products.map { PageID(.product, $0.value) }
        case .guidance, .page: return []
        }
    }
}
