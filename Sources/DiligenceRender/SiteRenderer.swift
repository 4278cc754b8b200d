import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Renders the site graph into output files: one HTML page per content page,
/// an index per kind, a page per taxonomy term, the risk matrix, the
/// screening page and its data, the data export, what changed (page and Atom feed), the review
/// status, the sitemap, the plain page index and the 404 page.
/// Pages render in parallel; the result is sorted by path, so the output is
/// the same bytes on every run.
package struct SiteRenderer: Sendable {
    /// The site graph, read only through methods that record each read.
    package var reads: SiteReads
    package var templates: TemplateLibrary
    /// "Today", for the review-overdue flag.
    package var today: PartialDate
    /// Keeps the listing pages' rows, for the next incremental build to copy
    /// their unchanged items; set before `listingJobs()` is called.
    package var rows: ListingRowRecorder?
    /// Every page's card hash (`DependencyValues.card`), with `rows`: what
    /// identifies a link to a page without making it (`PageLinks`).
    package var cards: PageValues<UInt64>?

    /// The edition every page shows, and each page's commits.
    package var history: ContentHistory
    /// The interface's words in the site's language (`site.language`), from
    /// the theme's strings files.
    package var strings: InterfaceStrings {
        didSet { riskViews = Self.riskViews(site.riskLevels, strings: strings) }
    }
    /// Each risk level's badge, made once: every product and country link
    /// shows one, and making it (label, sentence from the strings) was 2 %
    /// of a build.
    private var riskViews: [String: RiskView]

    /// - Parameters:
    ///   - history: nil for an edition dated `today` with no page history.
    ///   - titleOrder: the pages A to Z as the last build kept them (`KeptTitleOrder`).
    package init(graph: SiteGraph, templates: TemplateLibrary, today: PartialDate, history: ContentHistory? = nil,
                 titleOrder: KeptTitleOrder? = nil) {
        self.reads = SiteReads(graph, titleOrder: titleOrder)
        self.templates = templates
        self.today = today
        self.history = history ?? ContentHistory(edition: Edition(commit: nil, date: today))
        let strings = templates.strings.strings(for: graph.site.language)
        self.strings = strings
        self.riskViews = Self.riskViews(graph.site.riskLevels, strings: strings)
    }

    private static func riskViews(_ levels: Vocabulary, strings: InterfaceStrings) -> [String: RiskView] {
        var views: [String: RiskView] = [:]
        for id in levels.ids + [SiteConfig.unknownRisk] { views[id] = RiskView(id, in: levels, strings: strings) }
        return views
    }

    /// The badge of a risk level (any id: one site.yml does not list is shown as it is written).
    package func riskView(_ id: String) -> RiskView {
        riskViews[id] ?? RiskView(id, in: site.riskLevels, strings: strings)
    }

    package var site: SiteConfig { reads.site }

    /// A copy of this renderer that records what it reads into `log`.
    package func recording(into log: ReadLog?) -> SiteRenderer {
        var copy = self
        copy.reads.log = log
        return copy
    }

    /// Most pages of one kind listed on the home page.
    package static let homeListLimit = 12


    /// Output paths of the site-wide pages, used for navigation and links.
    package enum Paths {
        package static let home = "index.html"
        package static let matrix = "matrix.html"
        package static let screening = "screening.html"
        package static let screeningData = "data/screening.js"
        /// The knowledge base as data (docs/data-export.md).
        package static let dataJSON = "data/diligence.json"
        package static let dataSchema = "data/diligence.schema.json"
        package static let countriesCSV = "data/countries.csv"
        package static let factorsCSV = "data/factors.csv"
        package static let productsCSV = "data/products.csv"
        package static let matrixCSV = "data/matrix.csv"
        package static let measuresCSV = "data/measures.csv"
        package static let changes = "changes.html"
        package static let feed = "feed.xml"
        package static let review = "review.html"
        package static let search = "search.html"
        package static let sitemap = "sitemap.xml"
        package static let notFound = "404.html"
        /// The strings the browser scripts show, in the site's language (`static/strings-fr.js`).
        package static func scriptStrings(_ language: String) -> String { "static/strings-\(language).js" }
    }

    /// Renders every output file and hands each to `emit` as soon as it is
    /// ready — from several threads at once — so a large site is written while
    /// it renders instead of being held in memory.
    package func render(emit: @Sendable (OutputFile) -> Void) {
        _ = render(pages: reads.all, listings: listingJobs(), recording: false, emit: emit)
    }

    /// A site-wide page (index, taxonomy term, matrix, screening, feed…): its
    /// output path, known before rendering, and how to render it with the
    /// renderer given (one that records what it reads, or not).
    package struct ListingJob: Sendable {
        package var path: String
        package var render: @Sendable (SiteRenderer) -> OutputFile

        package init(path: String, render: @escaping @Sendable (SiteRenderer) -> OutputFile) {
            self.path = path
            self.render = render
        }
    }

    /// Every site-wide page, the longest first.
    package func listingJobs() -> [ListingJob] {
        var jobs: [ListingJob] = [
            .init(path: Paths.search) { $0.renderSearchFallback() }, .init(path: Paths.screening) { $0.renderScreening() },
            .init(path: Paths.home) { $0.renderHome() }, .init(path: Paths.matrix) { $0.renderMatrix() },
            .init(path: Paths.changes) { $0.renderChanges() }, .init(path: Paths.review) { $0.renderReviewStatus() },
            .init(path: Paths.notFound) { $0.render404() },
        ]
        jobs += PageKind.allCases.map { kind in .init(path: kind.folder + "/index.html") { $0.renderIndex(kind) } }
        for taxonomy in Taxonomy.allCases {
            jobs.append(.init(path: taxonomy.indexPath) { $0.renderTaxonomyIndex(taxonomy) })
            jobs += taxonomy.vocabulary(site).terms.map { term in
                .init(path: taxonomy.outputPath(term.id)) { $0.renderTerm(term, of: taxonomy) }
            }
        }
        jobs.append(.init(path: Paths.screeningData) { $0.renderScreeningData(keeping: KeptPieces()) })
        jobs.append(.init(path: Paths.scriptStrings(site.language)) { $0.renderScriptStrings() })
        jobs += dataExportJobs()
        jobs.append(.init(path: Paths.feed) { OutputFile(path: Paths.feed, text: AtomFeed(site: $0.site, entries: $0.datedPages(limit: AtomFeed.limit), strings: $0.strings).xml()) })
        if let baseURL = site.baseURL {
            jobs.append(.init(path: Paths.sitemap) { OutputFile(path: Paths.sitemap, text: Sitemap(baseURL: baseURL, site: $0.site, pages: $0.reads.all).xml()) })
        }
        return jobs
    }

    /// The three data files, the longest jobs of an incremental build (at
    /// 10,000 pages 10–18 ms each, copying their unchanged pieces; the next
    /// longest listing 8–15 ms).
    package static let dataFiles = [Paths.screeningData, Paths.dataJSON, Paths.productsCSV]

    /// `data/screening.js`, with the objects of `kept` used as they are.
    package func renderScreeningData(keeping kept: KeptPieces) -> OutputFile {
        let (contents, rows) = ScreeningData(renderer: self, keeping: kept).script()
        self.rows?.record(Paths.screeningData, rows, copied: kept.objects.count)
        return OutputFile(path: Paths.screeningData, contents: contents)
    }

    /// What each output read, when rendering recorded it.
    package struct Reads: Sendable {
        /// Per content page, in the order given.
        package var pages: [[Dependency]]
        /// Per listing, by output path.
        package var listings: [String: [Dependency]]
    }

    /// Renders the given content pages (which must be parsed, not cached) and
    /// site-wide pages; with `recording`, returns what each read.
    /// - Parameter gate: when given, one core is left to other work until
    ///   it returns (`concurrentMap(holdingOneCoreUntil:_:)`).
    package func render(pages: [ParsedPage], listings: [ListingJob], recording: Bool,
                        holdingOneCoreUntil gate: (@Sendable () -> Void)? = nil,
                        emit: @Sendable (OutputFile) -> Void) -> Reads {
        // The listing pages each cost as much as hundreds of content pages on
        // a large site: they go first in one pool of jobs, so the content
        // pages keep every core busy while the long ones run, instead of
        // leaving a tail.
        @Sendable func job(_ i: Int) -> [Dependency] {
            let log = recording ? ReadLog() : nil
            let renderer = self.recording(into: log)
            if i < listings.count {
                let file = listings[i].render(renderer)
                assert(file.path == listings[i].path, "listing job \(listings[i].path) rendered \(file.path)")
                emit(file)
            } else {
                emit(renderer.renderPage(pages[i - listings.count]))
            }
            return log?.dependencies ?? []
        }
        let jobs = 0..<(listings.count + pages.count)
        let read = gate.map { jobs.concurrentMap(holdingOneCoreUntil: $0, job) } ?? jobs.concurrentMap(job)
        var byPath: [String: [Dependency]] = [:]
        for (job, dependencies) in zip(listings, read) { byPath[job.path] = dependencies }
        return Reads(pages: Array(read[listings.count...]), listings: byPath)
    }

    // MARK: Layout

    /// The frame every page shares. `section` is the output path of the main
    /// navigation entry to mark as current; `breadcrumbs` are (title, path)
    /// pairs between Home and the page itself.
    package func layout(path: String, title: String, description: String, section: String?,
                breadcrumbs: [(String, String)]) -> LayoutContext {
        var root = RelativeURL.root(from: path)
        if path == Paths.notFound, let baseURL = site.baseURL {
            // Served for any missing URL, at any depth: only absolute links work.
            root = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        let sections: [(String, String)] = [PageKind.guidance, .product, .country].map { (strings.pluralLabel($0), $0.folder + "/index.html") }
            + [(strings["nav_risk_matrix"], Paths.matrix), (strings["nav_screening"], Paths.screening)]
        let navigation = sections.map { LinkView(title: $0.0, url: root + $0.1, current: $0.1 == section) }
        // Free pages (about, methodology…) in the footer; past a handful, the
        // footer links their index instead, so every page stays small.
        var footer = reads.footerPages.map { $0.map { link(to: $0, from: path, summary: false) } }
            ?? [LinkView(title: strings["footer_all_pages"], url: root + PageKind.page.folder + "/index.html")]
        footer += [(strings["changes_title"], Paths.changes), (strings["review_title"], Paths.review), (strings["footer_feed"], Paths.feed)]
            .map { LinkView(title: $0.0, url: root + $0.1) }
        var crumbs = [LinkView(title: strings["breadcrumb_home"], url: root + Paths.home)]
        crumbs += breadcrumbs.map { LinkView(title: $0.0, url: root + $0.1) }
        var context = LayoutContext(
            site: .init(title: site.title, description: site.description, language: site.language,
                        logo: site.branding.logo?.value, footer: site.branding.footer, brandCSS: site.branding.stylesheet != nil),
            root: root, title: title, documentTitle: path == Paths.home ? site.title : title + " · " + site.title,
            description: description, navigation: navigation,
            breadcrumbs: crumbs, footerPages: footer, edition: EditionView(history.edition, strings: strings),
            pageURL: site.baseURL.map { ($0.hasSuffix("/") ? $0 : $0 + "/") + path }, t: strings)
        context.languages = LanguageLink.links(for: path, root: root, site: site)
        return context
    }

    package func link(to page: ParsedPage, from path: String, note: String? = nil, summary: Bool = true) -> LinkView {
        LinkView(title: page.page.title, url: RelativeURL.from(path, to: page.id.outputPath),
                 note: note, risk: risk(of: page), summary: summary ? page.page.summary : nil)
    }

    /// Links to pages, made as the template reads them (`PageLinks`).
    package func pageLinks(_ pages: [ParsedPage], from path: String, kindNotes: Bool = false, summaries: Bool = true) -> PageLinks {
        PageLinks(pages: pages, renderer: self, from: path, kindNotes: kindNotes, summaries: summaries)
    }

    package func links(_ ids: [PageID], from path: String) -> [LinkView] {
        reads.pages(ids).map { link(to: $0, from: path) }
    }

    /// A link to a taxonomy term's page.
    package func link(to term: String, in taxonomy: Taxonomy, from path: String) -> LinkView {
        LinkView(title: taxonomy == .risk ? riskView(term).label : taxonomy.vocabulary(site).label(term),
                 url: RelativeURL.from(path, to: taxonomy.outputPath(term)))
    }

    package func risk(of page: ParsedPage) -> RiskView? {
        switch page.page.details {
        case .product(let p): return riskView(p.risk)
        case .country(let c): return riskView(c.risk)
        default: return nil
        }
    }

    package func file(_ path: String, _ context: LayoutContext, template: String) -> OutputFile {
        OutputFile(path: path, contents: .bytes(templates.render(context, template: template)))
    }

    /// A site-wide page: rendered keeping its rows when `rows` is set.
    package func listingFile(_ path: String, _ context: LayoutContext, template: String) -> OutputFile {
        guard let rows else { return file(path, context, template: template) }
        return OutputFile(path: path, contents: .bytes(rows.render(path) { templates.render(context, template: template, reusing: $0, capacity: $1) }))
    }
}
