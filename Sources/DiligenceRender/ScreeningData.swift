import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The data behind the screening page: for every product and country, what
/// goes on a transaction checklist, as plain text (the page's script builds
/// its DOM from text nodes and never parses HTML from data). URLs are
/// relative to the screening page, which sits at the site root.
package struct ScreeningData {
    package struct Risk: Encodable {
        package var id: String
        package var label: String
        /// What the badge shows: "High risk", "Not assessed".
        package var text: String
        package var rank: Int
        /// The page's risk basis, as plain text.
        package var basis: String?
    }

    package struct Link: Encodable {
        package var title: String
        package var url: String
    }

    /// A page's cited source in full, for the printed record: an auditor
    /// must find it from the paper alone.
    package struct SourceEntry: Encodable {
        package var title: String
        package var publisher: String?
        package var date: String?
        package var url: String?
        package var reference: String?

        package init(_ source: DiligenceContent.Source, strings: InterfaceStrings) {
            title = source.title
            publisher = source.publisher
            date = source.date.map(strings.date)
            url = source.url
            reference = source.reference
        }
    }

    package struct Control: Encodable {
        package var regime: String
        package var entry: String?
        package var note: String?
    }

    package struct Product: Encodable {
        package var id: String
        package var title: String
        package var url: String
        package var summary: String
        package var category: String
        package var categoryID: String
        package var risk: Risk
        package var redFlags: [String]
        package var safeguards: [String]
        package var controls: [Control]
        /// Countries of concern (either page names the other).
        package var countries: [String]
        /// Guidance steps that name this product, or that it names.
        package var guidance: [String]
        package var updated: String?
        /// "2 December 2026 (2ff0c21)": the page's last commit, with git history.
        package var lastChanged: String?
        package var sources: [SourceEntry]
    }

    package struct Factor: Encodable {
        package var label: String
        package var status: String
        package var statusLabel: String
        package var note: String?
        package var source: Link?
    }

    package struct Measure: Encodable {
        package var authority: String
        package var text: String
        package var date: String?
        package var source: Link?
        package var restrictsExports: Bool
    }

    package struct Concern: Encodable {
        package var products: [String]
        package var categories: [String]
        package var basis: String
        package var source: Link
    }

    package struct Country: Encodable {
        package var id: String
        package var title: String
        package var url: String
        package var summary: String
        package var region: String
        package var risk: Risk
        package var factors: [Factor]
        package var measures: [Measure]
        package var concerns: [Concern]
        package var regimes: [String]
        package var reviewed: String
        package var reviewedBy: String?
        package var overdue: Bool
        package var guidance: [String]
        package var lastChanged: String?
        package var sources: [SourceEntry]
    }

    package struct Step: Encodable {
        package var id: String
        package var order: Int
        package var title: String
        package var url: String
        package var summary: String
    }

    /// A country's or product's object: written now, or kept from the
    /// earlier file.
    package enum Object: Sendable {
        case built(ArraySlice<UInt8>)
        case kept(Range<Int>)
    }

    /// Each country's, guidance step's and product's JSON object, in page
    /// order (steps in guidance order).
    package var countries: [(id: PageID, object: Object)] = []
    package var guidance: [ArraySlice<UInt8>] = []
    package var products: [(id: PageID, object: Object)] = []
    private let kept: KeptPieces

    /// - Parameter kept: objects of an earlier file to use as they are, by
    ///   page id: an incremental build passes those of the products and
    ///   countries whose facts did not change (`KeptPieces`), so a title
    ///   edit writes one product again, not 10,000.
    package init(renderer: SiteRenderer, keeping kept: KeptPieces = KeptPieces()) {
        self.kept = kept
        // Every fact of every product, country and step is in this file: one
        // read of each kind's facts covers them all.
        let products = renderer.reads.pagesWithFacts(of: .product)
        let countries = renderer.reads.pagesWithFacts(of: .country)
        let steps = renderer.reads.guidanceWithFacts
        let reads = renderer.reads.covered
        let site = reads.site
        let strings = renderer.strings
        func risk(_ id: String, basis: Located<String>?) -> Risk {
            let view = RiskView(id, in: site.riskLevels, strings: strings)
            return Risk(id: view.id, label: view.label, text: view.text, rank: view.rank, basis: basis.map(text))
        }
        // The history is part of the build's settings: a new commit writes this file again.
        func lastChanged(_ page: ParsedPage) -> String? {
            renderer.history.latestChange(ofFile: page.page.file).map { strings.date($0.date) + " (" + $0.shortHash + ")" }
        }
        func source(_ source: DiligenceContent.Source) -> SourceEntry { SourceEntry(source, strings: strings) }
        func text(_ markdown: Located<String>) -> String {
            MarkdownDocument.plainText(ofInline: markdown.value)
        }
        // Guidance steps whose `related` names each page.
        var relatedGuidance: [PageID: [String]] = [:]
        for step in steps {
            for id in reads.related(of: step.id) { relatedGuidance[id, default: []].append(step.id.slug) }
        }
        // Guidance slugs by position, so each product's steps are put in
        // order without scanning every step for every product.
        var position: [String: Int] = [:]
        for (i, step) in steps.enumerated() { position[step.id.slug] = i }
        self.products = products.compactMap { page -> (PageID, Object)? in
            if let range = kept.objects[page.id] { return (page.id, .kept(range)) }
            let whole = reads.frontMatter(of: page)
            guard case .product(let p) = whole.details else { return nil }
            let countries = reads.productCountries(of: page.id)
            let named = Set(p.guidance.map(\.value) + (relatedGuidance[page.id] ?? [])).filter { position[$0] != nil }
            return (page.id, .built(Self.json(Product(
                id: page.id.slug, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
                category: site.categories.label(p.category), categoryID: p.category, risk: risk(p.risk, basis: p.riskBasis),
                redFlags: p.redFlags.map(text), safeguards: p.safeguards.map(text),
                controls: p.controls.map { Control(regime: site.regimes.label($0.regime), entry: $0.entry, note: $0.note.map(text)) },
                countries: countries.map(\.slug),
                guidance: named.sorted { position[$0]! < position[$1]! },
                updated: page.page.updated.map(strings.date), lastChanged: lastChanged(page),
                sources: whole.sources.map(source)))))
        }
        self.countries = countries.compactMap { page -> (PageID, Object)? in
            if let range = kept.objects[page.id] { return (page.id, .kept(range)) }
            guard case .country(let c) = reads.details(of: page) else { return nil }
            // The same citation a page at the site root shows.
            func link(_ evidence: Evidence) -> Link {
                let citation = CitationView(evidence, of: page.page, from: SiteRenderer.Paths.screening, strings: strings)
                return Link(title: citation.label, url: citation.url)
            }
            let factors = c.factors.map { f -> Factor in
                Factor(label: site.factors.label(f.factor), status: f.status.rawValue, statusLabel: strings.label(f.status),
                       note: f.note.map(text), source: f.source.map(link))
            }
            return (page.id, .built(Self.json(Country(
                id: page.id.slug, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
                region: site.regions.label(c.region), risk: risk(c.risk, basis: c.riskBasis), factors: factors,
                measures: c.measures.map {
                    Measure(authority: $0.authority, text: text($0.measure), date: $0.date.map(strings.date),
                            source: $0.evidence.map(link), restrictsExports: $0.restrictsExports)
                },
                concerns: c.concerns.map {
                    Concern(products: $0.products.map(\.value), categories: $0.categories.map(\.value),
                            basis: text($0.basis), source: link($0.source))
                },
                regimes: c.regimes.map(site.regimes.label), reviewed: strings.date(c.reviewed), reviewedBy: c.reviewedBy,
                overdue: c.reviewed.months(until: renderer.today) >= site.reviewIntervalMonths,
                guidance: relatedGuidance[page.id] ?? [], lastChanged: lastChanged(page),
                sources: page.complete().sources.map(source)))))
        }
        guidance = steps.compactMap { page in
            guard case .guidance(let g) = reads.details(of: page) else { return nil }
            return Self.json(Step(id: page.id.slug, order: g.order, title: page.page.title, url: page.id.outputPath, summary: page.page.summary))
        }
    }

    /// `window.DiligenceScreening = {…};`, written on bytes: the same JSON
    /// `ScriptData` would give (keys sorted, nil fields left out, `<` `>` `&`
    /// U+2028 U+2029 escaped), without `JSONEncoder`, which was the slowest
    /// part of rendering this file on a large site. With kept objects, a
    /// splice of the earlier file; the rows give each country's and
    /// product's object's place, for the next build to keep them.
    package func script() -> (contents: OutputFile.Contents, rows: [TemplateRow]) {
        var builtBytes = guidance.reduce(64) { $0 + $1.count + 1 }
        for (_, object) in countries + products { if case .built(let bytes) = object { builtBytes += bytes.count + 1 } }
        var out = kept.builder(capacity: builtBytes)
        var rows: [TemplateRow] = []
        rows.reserveCapacity(countries.count + products.count)
        out.bytes.append(contentsOf: Self.prefix.utf8)
        func list(_ objects: [(id: PageID, object: Object)]) {
            for (i, (id, object)) in objects.enumerated() {
                if i > 0 { out.bytes.append(UInt8(ascii: ",")) }
                let start = out.offset
                switch object {
                case .built(let bytes): out.bytes.append(contentsOf: bytes)
                case .kept(let range): out.keep(range)
                }
                rows.append(TemplateRow(key: KeptPieces.key(id), start: start, end: out.offset))
            }
        }
        list(products)
        out.bytes.append(contentsOf: Self.afterProducts.utf8)
        list(countries)
        out.bytes.append(contentsOf: Self.afterCountries.utf8)
        for (i, object) in guidance.enumerated() {
            if i > 0 { out.bytes.append(UInt8(ascii: ",")) }
            out.bytes.append(contentsOf: object)
        }
        out.bytes.append(contentsOf: Self.suffix.utf8)
        return (out.contents(), rows)
    }

    /// The file's text around the three lists of objects. The products
    /// come first and the countries after them: an incremental build writes
    /// this file over from its first changed byte (`InPlaceWriter`), and
    /// country profiles are what editors change most, so a country's edit
    /// rewrites its last 0.6 MB, not all 11 MB (on 10,000 pages; its
    /// effect on a build's time is small: Benchmarks/README.md).
    package static let prefix = #"window.DiligenceScreening = {"products":["#
    package static let afterProducts = #"],"countries":["#
    package static let afterCountries = #"],"guidance":["#
    package static let suffix = "]};\n"

    package static func json(_ c: Country) -> ArraySlice<UInt8> {
        var json = JSONBytes(capacity: 2048)
        json.object { o in
            o.field("concerns") { $0.array(c.concerns) { j, concern in
                j.object { o in
                    o.field("basis") { $0.string(concern.basis) }
                    o.field("categories") { $0.strings(concern.categories) }
                    o.field("products") { $0.strings(concern.products) }
                    o.field("source") { ScreeningData.write(concern.source, to: &$0) }
                }
            } }
            o.field("factors") { $0.array(c.factors) { j, f in
                j.object { o in
                    o.field("label") { $0.string(f.label) }
                    if let note = f.note { o.field("note") { $0.string(note) } }
                    if let source = f.source { o.field("source") { ScreeningData.write(source, to: &$0) } }
                    o.field("status") { $0.string(f.status) }
                    o.field("statusLabel") { $0.string(f.statusLabel) }
                }
            } }
            o.field("guidance") { $0.strings(c.guidance) }
            o.field("id") { $0.string(c.id) }
            if let lastChanged = c.lastChanged { o.field("lastChanged") { $0.string(lastChanged) } }
            o.field("measures") { $0.array(c.measures) { j, m in
                j.object { o in
                    o.field("authority") { $0.string(m.authority) }
                    if let date = m.date { o.field("date") { $0.string(date) } }
                    o.field("restrictsExports") { $0.raw(m.restrictsExports ? "true" : "false") }
                    if let source = m.source { o.field("source") { ScreeningData.write(source, to: &$0) } }
                    o.field("text") { $0.string(m.text) }
                }
            } }
            o.field("overdue") { $0.raw(c.overdue ? "true" : "false") }
            o.field("regimes") { $0.strings(c.regimes) }
            o.field("region") { $0.string(c.region) }
            o.field("reviewed") { $0.string(c.reviewed) }
            if let by = c.reviewedBy { o.field("reviewedBy") { $0.string(by) } }
            o.field("risk") { ScreeningData.write(c.risk, to: &$0) }
            o.field("sources") { $0.array(c.sources) { j, s in ScreeningData.write(s, to: &j) } }
            o.field("summary") { $0.string(c.summary) }
            o.field("title") { $0.string(c.title) }
            o.field("url") { $0.string(c.url) }
        }
        return json.bytes[...]
    }

    package static func json(_ step: Step) -> ArraySlice<UInt8> {
        var json = JSONBytes(capacity: 512)
        json.object { o in
            o.field("id") { $0.string(step.id) }
            o.field("order") { $0.decimal(step.order) }
            o.field("summary") { $0.string(step.summary) }
            o.field("title") { $0.string(step.title) }
            o.field("url") { $0.string(step.url) }
        }
        return json.bytes[...]
    }

    package static func json(_ p: Product) -> ArraySlice<UInt8> {
        var json = JSONBytes(capacity: 1024)
        json.object { o in
            o.field("category") { $0.string(p.category) }
            o.field("categoryID") { $0.string(p.categoryID) }
            o.field("controls") { $0.array(p.controls) { j, c in
                j.object { o in
                    if let entry = c.entry { o.field("entry") { $0.string(entry) } }
                    if let note = c.note { o.field("note") { $0.string(note) } }
                    o.field("regime") { $0.string(c.regime) }
                }
            } }
            o.field("countries") { $0.strings(p.countries) }
            o.field("guidance") { $0.strings(p.guidance) }
            o.field("id") { $0.string(p.id) }
            if let lastChanged = p.lastChanged { o.field("lastChanged") { $0.string(lastChanged) } }
            o.field("redFlags") { $0.strings(p.redFlags) }
            o.field("risk") { ScreeningData.write(p.risk, to: &$0) }
            o.field("safeguards") { $0.strings(p.safeguards) }
            o.field("sources") { $0.array(p.sources) { j, s in ScreeningData.write(s, to: &j) } }
            o.field("summary") { $0.string(p.summary) }
            o.field("title") { $0.string(p.title) }
            if let updated = p.updated { o.field("updated") { $0.string(updated) } }
            o.field("url") { $0.string(p.url) }
        }
        return json.bytes[...]
    }

    private static func write(_ link: Link, to json: inout JSONBytes) {
        json.object { o in
            o.field("title") { $0.string(link.title) }
            o.field("url") { $0.string(link.url) }
        }
    }

    private static func write(_ source: SourceEntry, to json: inout JSONBytes) {
        json.object { o in
            if let date = source.date { o.field("date") { $0.string(date) } }
            if let publisher = source.publisher { o.field("publisher") { $0.string(publisher) } }
            if let reference = source.reference { o.field("reference") { $0.string(reference) } }
            o.field("title") { $0.string(source.title) }
            if let url = source.url { o.field("url") { $0.string(url) } }
        }
    }

    private static func write(_ risk: Risk, to json: inout JSONBytes) {
        json.object { o in
            if let basis = risk.basis { o.field("basis") { $0.string(basis) } }
            o.field("id") { $0.string(risk.id) }
            o.field("label") { $0.string(risk.label) }
            o.field("rank") { $0.decimal(risk.rank) }
            o.field("text") { $0.string(risk.text) }
        }
    }
}
