import Foundation

/// Renders the site graph into output files: one HTML page per content page,
/// an index per kind, the home page, a plain page index and the 404 page.
/// Pages render in parallel; the result is sorted by path, so the output is
/// the same bytes on every run.
public struct SiteRenderer: Sendable {
    public var graph: SiteGraph
    public var templates: TemplateLibrary
    /// "Today", for the review-overdue flag.
    public var today: PartialDate

    public init(graph: SiteGraph, templates: TemplateLibrary, today: PartialDate) {
        self.graph = graph
        self.templates = templates
        self.today = today
    }

    private var site: SiteConfig { graph.site }

    public func render() -> [OutputFile] {
        let pages = graph.pages
        var rendered = [OutputFile?](repeating: nil, count: pages.count)
        rendered.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                out[i] = renderPage(pages[i])
            }
        }
        var files = rendered.compactMap { $0 }
        files.append(renderHome())
        for kind in [PageKind.guidance, .product, .country] {
            files.append(renderIndex(kind))
        }
        files.append(renderSearchFallback())
        files.append(render404())
        return files.sorted { $0.path < $1.path }
    }

    // MARK: Layout

    private func layout(path: String, title: String, description: String, section: PageKind?,
                        breadcrumbs: [(String, String)]) -> LayoutContext {
        let root = RelativeURL.root(from: path)
        let navigation = [PageKind.guidance, .product, .country].map { kind in
            LinkView(title: kind.pluralLabel, url: root + kind.folder + "/index.html", current: kind == section)
        }
        let footer = graph.pages(of: .page).map { link(to: $0, from: path) }
        var crumbs = [LinkView(title: "Home", url: root + "index.html")]
        crumbs += breadcrumbs.map { LinkView(title: $0.0, url: root + $0.1) }
        return LayoutContext(
            site: .init(title: site.title, description: site.description, language: site.language),
            root: root, title: title, documentTitle: path == "index.html" ? site.title : title + " · " + site.title, description: description, navigation: navigation,
            breadcrumbs: crumbs, footerPages: footer, page: nil, listing: nil, home: nil)
    }

    private func link(to page: ParsedPage, from path: String, note: String? = nil) -> LinkView {
        var risk: RiskView?
        switch page.page.details {
        case .product(let p): risk = RiskView(p.risk, in: site.riskLevels)
        case .country(let c): risk = RiskView(c.risk, in: site.riskLevels)
        default: break
        }
        return LinkView(title: page.page.title, url: RelativeURL.from(path, to: page.id.outputPath),
                        note: note, risk: risk, summary: page.page.summary)
    }

    private func links(_ ids: [PageID], from path: String) -> [LinkView] {
        ids.compactMap { graph.byID[$0] }.map { link(to: $0, from: path) }
    }

    private func file(_ path: String, _ context: LayoutContext, template: String) -> OutputFile {
        OutputFile(path: path, text: templates.render(context, template: template))
    }

    // MARK: Content pages

    private func renderPage(_ parsed: ParsedPage) -> OutputFile {
        let page = parsed.page
        let path = page.id.outputPath
        let headings = parsed.document.headings.filter { $0.level <= 3 }
        let topLevel = headings.map(\.level).min() ?? 2
        var view = PageView(
            title: page.title, summary: page.summary, kindLabel: page.kind.label,
            toc: headings.count >= 2 ? headings.map { .init(text: $0.text, id: $0.id, level: $0.level, sub: $0.level > topLevel) } : [],
            bodyHTML: parsed.document.html(), tags: page.tags,
            sources: page.sources.enumerated().map { SourceView($1, number: $0 + 1) },
            updated: page.updated?.readable, draft: page.draft,
            backlinks: backlinkGroups(parsed.id, from: path))
        switch page.details {
        case .guidance(let g): view.guidance = guidanceView(g, parsed, from: path)
        case .product(let p): view.product = productView(p, parsed, from: path)
        case .country(let c): view.country = countryView(c, parsed, from: path)
        case .page: break
        }
        var context = layout(path: path, title: page.title, description: page.summary,
                             section: page.kind == .page ? nil : page.kind,
                             breadcrumbs: page.kind == .page ? [] : [(page.kind.pluralLabel, page.kind.folder + "/index.html")])
        context.page = view
        return file(path, context, template: page.kind == .page ? "page" : page.kind.rawValue)
    }

    private func backlinkGroups(_ id: PageID, from path: String) -> [PageView.BacklinkGroup] {
        let sources = graph.backlinks[id] ?? []
        return PageKind.allCases.compactMap { kind in
            let ids = sources.filter { $0.kind == kind }
            return ids.isEmpty ? nil : PageView.BacklinkGroup(label: kind.pluralLabel, links: links(ids, from: path))
        }
    }

    private func guidanceView(_ g: GuidanceStep, _ parsed: ParsedPage, from path: String) -> GuidanceView {
        let steps = graph.guidanceInOrder
        let position = steps.firstIndex { $0.id == parsed.id }
        let related = (graph.related[parsed.id] ?? []).compactMap { id in
            graph.byID[id].map { link(to: $0, from: path, note: id.kind.label) }
        }
        return GuidanceView(
            order: g.order, related: related,
            previous: position.flatMap { $0 > 0 ? link(to: steps[$0 - 1], from: path) : nil },
            next: position.flatMap { $0 + 1 < steps.count ? link(to: steps[$0 + 1], from: path) : nil })
    }

    private func productView(_ p: ProductRisk, _ parsed: ParsedPage, from path: String) -> ProductView {
        ProductView(
            category: LinkView(title: site.categories.label(p.category),
                               url: "index.html#" + p.category),
            risk: RiskView(p.risk, in: site.riskLevels),
            capabilities: p.capabilities.map(parsed.inline), misuse: p.misuse.map(parsed.inline),
            redFlags: p.redFlags.map(parsed.inline), safeguards: p.safeguards.map(parsed.inline),
            controls: p.controls.map { .init(regime: site.regimes.label($0.regime), entry: $0.entry, noteHTML: $0.note.map(parsed.inline)) },
            countries: links(graph.productCountries[parsed.id] ?? [], from: path),
            guidance: links(p.guidance.map { PageID(.guidance, $0.value) }, from: path))
    }

    private func countryView(_ c: CountryProfile, _ parsed: ParsedPage, from path: String) -> CountryView {
        let factors = c.factors.map { f -> CountryView.FactorView in
            var url: String?, label: String?
            switch f.source {
            case .url(let u): url = u; label = "Source"
            case .sourceIndex(let n): url = "#source-\(n)"; label = "Source \(n)"
            case nil: break
            }
            return .init(label: site.factors.label(f.factor), status: f.status.rawValue, statusLabel: f.status.label,
                         unknown: f.status == .unknown, noteHTML: f.note.map(parsed.inline), sourceURL: url, sourceLabel: label)
        }
        return CountryView(
            code: c.country,
            region: LinkView(title: site.regions.label(c.region), url: "index.html#" + c.region),
            risk: RiskView(c.risk, in: site.riskLevels),
            factors: factors, hasUnknownFactors: factors.contains { $0.unknown },
            regimes: c.regimes.map(site.regimes.label),
            measures: c.measures.map { .init(authority: $0.authority, measureHTML: parsed.inline($0.measure), date: $0.date?.readable, url: $0.url) },
            products: links(graph.countryProducts[parsed.id] ?? [], from: path),
            reviewed: c.reviewed.readable, reviewedISO: c.reviewed.description, reviewedBy: c.reviewedBy,
            overdue: c.reviewed.months(until: today) >= site.reviewIntervalMonths,
            reviewIntervalMonths: site.reviewIntervalMonths)
    }

    // MARK: Indexes

    private func renderIndex(_ kind: PageKind) -> OutputFile {
        let path = kind.folder + "/index.html"
        let pages = graph.pages(of: kind)
        var groups: [ListingView.Group] = []
        var intro = ""
        switch kind {
        case .guidance:
            intro = "The steps of human-rights due diligence for a transaction, in order."
            groups = [.init(heading: nil, id: nil, items: graph.guidanceInOrder.map { link(to: $0, from: path) })]
        case .product:
            intro = "Product types with surveillance capabilities, by category, with their inherent risk of misuse."
            groups = site.categories.terms.compactMap { term in
                let items = pages.filter { if case .product(let p) = $0.page.details { return p.category == term.id }; return false }
                return items.isEmpty ? nil : .init(heading: term.label, id: term.id, items: items.map { link(to: $0, from: path) })
            }
        case .country:
            intro = "Country profiles by region, with the overall risk for surveillance-capable sales to government end-users."
            groups = site.regions.terms.compactMap { term in
                let items = pages.filter { if case .country(let c) = $0.page.details { return c.region == term.id }; return false }
                return items.isEmpty ? nil : .init(heading: term.label, id: term.id, items: items.map { link(to: $0, from: path) })
            }
        case .page:
            groups = [.init(heading: nil, id: nil, items: pages.map { link(to: $0, from: path) })]
        }
        var context = layout(path: path, title: kind.pluralLabel, description: intro, section: kind, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: groups, ordered: kind == .guidance)
        return file(path, context, template: "list")
    }

    private func renderHome() -> OutputFile {
        let path = "index.html"
        var context = layout(path: path, title: site.title, description: site.description, section: nil, breadcrumbs: [])
        context.breadcrumbs = []
        context.home = [
            .init(heading: "Guidance", id: "guidance", items: graph.guidanceInOrder.map { link(to: $0, from: path) }),
            .init(heading: "Product risks", id: "products", items: graph.pages(of: .product).map { link(to: $0, from: path) }),
            .init(heading: "Countries", id: "countries", items: graph.pages(of: .country).map { link(to: $0, from: path) }),
        ].filter { !$0.items.isEmpty }
        return file(path, context, template: "home")
    }

    /// Where the search box leads without JavaScript: every page, A to Z.
    private func renderSearchFallback() -> OutputFile {
        let path = "search.html"
        var context = layout(path: path, title: "Search", description: "All pages of the knowledge base.", section: nil,
                             breadcrumbs: [])
        let all = graph.pages.sorted { $0.page.title.localizedStandardCompare($1.page.title) == .orderedAscending }
        context.listing = ListingView(intro: "All pages, A to Z.", groups: [
            .init(heading: nil, id: nil, items: all.map { link(to: $0, from: path, note: $0.page.kind.label) }),
        ], ordered: false)
        return file(path, context, template: "search")
    }

    private func render404() -> OutputFile {
        let path = "404.html"
        let context = layout(path: path, title: "Page not found", description: "This page does not exist.", section: nil,
                             breadcrumbs: [])
        return file(path, context, template: "404")
    }
}
