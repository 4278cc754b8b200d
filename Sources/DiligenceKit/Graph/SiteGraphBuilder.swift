import Foundation

/// Builds the `SiteGraph`: resolves every front-matter reference and Markdown
/// link of every page (rewriting links to output URLs), renders inline list
/// fields, inverts references into backlinks, and warns about orphan pages.
public struct SiteGraphBuilder: Sendable {
    public var site: SiteConfig
    public var index: PageIndex
    public var log: DiagnosticLog

    public init(site: SiteConfig, index: PageIndex, log: DiagnosticLog) {
        self.site = site
        self.index = index
        self.log = log
    }

    /// What resolving one page's references found: every page it links to
    /// (front matter and body), and its `related` entries in the order written.
    public struct Resolved: Sendable, Codable, Equatable {
        public var targets: [PageID]
        public var related: [PageID]
    }

    public func build(_ pages: [ParsedPage]) -> SiteGraph {
        let sorted = pages.sorted { $0.id < $1.id }
        return assemble(sorted, resolved: resolveAll(sorted))
    }

    /// Resolves the references of each page, in parallel.
    func resolveAll(_ pages: [ParsedPage]) -> [Resolved] {
        let resolver = LinkResolver(index: index, log: log)
        var resolved = [Resolved](repeating: Resolved(targets: [], related: []), count: pages.count)
        resolved.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                out[i] = resolve(pages[i], resolver: resolver)
            }
        }
        return resolved
    }

    /// Builds the graph from pages sorted by id and what each one references.
    func assemble(_ sorted: [ParsedPage], resolved: [Resolved]) -> SiteGraph {
        var byID: [PageID: ParsedPage] = [:]
        var outgoingByID: [PageID: [PageID]] = [:]
        var backlinks: [PageID: [PageID]] = [:]
        var related: [PageID: [PageID]] = [:]
        var byKind: [PageKind: [ParsedPage]] = [:]
        byID.reserveCapacity(sorted.count)
        outgoingByID.reserveCapacity(sorted.count)
        backlinks.reserveCapacity(sorted.count)
        for (i, page) in sorted.enumerated() {
            byID[page.id] = page
            byKind[page.id.kind, default: []].append(page)
            if !resolved[i].related.isEmpty { related[page.id] = resolved[i].related }
            // Sorted and without repeats (or the page itself); arrays, not
            // sets: this loop runs for every link of the site.
            var targets = resolved[i].targets.filter { $0 != page.id }
            targets.sort()
            var unique: [PageID] = []
            unique.reserveCapacity(targets.count)
            for target in targets where unique.last != target { unique.append(target) }
            outgoingByID[page.id] = unique
            for target in unique { backlinks[target, default: []].append(page.id) }
        }
        var productCountries: [PageID: Set<PageID>] = [:]
        var countryProducts: [PageID: Set<PageID>] = [:]
        for page in sorted {
            switch page.page.details {
            case .product(let p):
                for code in p.countries {
                    let country = PageID(.country, code.value.lowercased())
                    guard byID[country] != nil else { continue }
                    productCountries[page.id, default: []].insert(country)
                    countryProducts[country, default: []].insert(page.id)
                }
            case .country(let c):
                for slug in c.products {
                    let product = PageID(.product, slug.value)
                    guard byID[product] != nil else { continue }
                    countryProducts[page.id, default: []].insert(product)
                    productCountries[product, default: []].insert(page.id)
                }
            default: break
            }
        }
        var members: [Taxonomy: [String: [PageID]]] = [:]
        for taxonomy in Taxonomy.allCases {
            var terms: [String: [PageID]] = [:]
            for page in sorted {
                let own = taxonomy.terms(of: page.page)
                for (i, term) in own.enumerated() where !own[..<i].contains(term) {
                    terms[term, default: []].append(page.id)
                }
            }
            if !terms.isEmpty { members[taxonomy] = terms }
        }
        for page in sorted where page.id.kind != .page && backlinks[page.id, default: []].isEmpty {
            log.warning(at: SourceLocation(file: page.page.file, line: 1, column: 1),
                        "no other page links to \(page.id)",
                        hint: "link to it from a related page (front matter or a Markdown link), so readers can find it")
        }
        let guidanceInOrder = (byKind[.guidance] ?? []).sorted { a, b in
            if case .guidance(let x) = a.page.details, case .guidance(let y) = b.page.details { return x.order < y.order }
            return a.id < b.id
        }
        return SiteGraph(site: site, pages: sorted, byID: byID, byKind: byKind, guidanceInOrder: guidanceInOrder,
                         outgoing: outgoingByID, backlinks: backlinks.mapValues { $0.sorted() }, related: related,
                         productCountries: productCountries.mapValues { $0.sorted() },
                         countryProducts: countryProducts.mapValues { $0.sorted() }, members: members)
    }

    /// Resolves one page's references; returns every page it links to, and
    /// its `related` entries in the order written.
    func resolve(_ parsed: ParsedPage, resolver: LinkResolver) -> Resolved {
        var targets: [PageID] = []
        var related: [PageID] = []
        let page = parsed.page
        switch page.details {
        case .guidance(let g):
            related = g.related.compactMap(resolver.relatedReference)
            targets += related
        case .product(let p):
            for code in p.countries where CountryCodes.isValid(code.value.uppercased()) {
                if let id = resolver.reference(PageID(.country, code.value.lowercased()), at: code.location, written: code.value) {
                    targets.append(id)
                }
            }
            targets += p.guidance.compactMap { resolver.reference(PageID(.guidance, $0.value), at: $0.location, written: $0.value) }
        case .country(let c):
            targets += c.products.compactMap { resolver.reference(PageID(.product, $0.value), at: $0.location, written: $0.value) }
        case .page:
            break
        }
        // Heading and field-section ids, computed once for the index.
        let ownHeadings = index.headingIDs[page.id] ?? []
        parsed.document.rewriteLinks { link in
            let (url, target) = resolver.resolve(link, in: page.id, ownHeadings: ownHeadings)
            if case .page(let id, _) = target { targets.append(id) }
            return url
        }
        var inline: [Located<String>: String] = [:]
        for field in parsed.inlineFields {
            let document = MarkdownDocument(field.value, file: page.file, firstLine: field.location.line)
            document.rewriteLinks { link in
                var link = link
                if link.location.line == field.location.line { link.location.column += field.location.column - 1 }
                let (url, target) = resolver.resolve(link, in: page.id, ownHeadings: ownHeadings)
                if case .page(let id, _) = target { targets.append(id) }
                return url
            }
            inline[field] = document.inlineHTML()
        }
        parsed.inlineHTML = inline
        return Resolved(targets: targets, related: related)
    }
}

/// Lets `concurrentPerform` write each result into its own slot of an array.
struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
    subscript(i: Int) -> Element {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }
}
