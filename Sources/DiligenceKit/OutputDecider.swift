import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// The planner's last stage: which outputs are rendered. A page's output is
/// rendered when its file changed, or when what it read of other pages last
/// time (`PageFingerprints.reads`) has another value now; a listing page,
/// likewise (`ListingRecord`). With no previous build, everything is.
struct OutputDecider {
    var graph: SiteGraph
    /// The index the graph was linked with: pages read again to be rendered
    /// are resolved against it, so their links come out as in a full build.
    var index: PageIndex
    var previous: PreviousBuild?
    /// The search index's patch, started when the pages were read.
    var searchPatch: BackgroundResult<SearchPatchJob.Outcome>?
    /// Every page's search record name before and now, being worked out.
    var recordNames: BackgroundResult<SearchPatchJob.Names>?
    var collector: PageCollector
    var linker: PageLinker

    func plan(_ collected: PageCollector.Collected, site: SiteConfig, templates: TemplateLibrary, settings: BuildSettings.Fingerprint,
              assets: [String], theme: ThemeFiles, history: ContentHistory) throws(BuildPlanner.Fallback) -> BuildPlan {
        let (values, reach) = collector.keepsCache ? Self.values(collected.pages, removed: !collected.removed.isEmpty, graph: graph) : (nil, nil)
        var outputs: OutputCache?
        if let previous {
            guard let kept = previous.outputs.value else { throw .init(reason: "the cache of the outputs is missing or damaged") }
            outputs = kept
        }
        let renderer = SiteRenderer(graph: graph, templates: templates, today: collector.options.today, history: history)
        var plan = BuildPlan(
            pages: try pagesToRender(collected.pages, values: values, reach: reach), removed: collected.removed,
            listings: renderer.listingJobs().map { job in
                guard let record = outputs?.listings[job.path], let values else { return .init(path: job.path, render: true) }
                if let reach, !reach.mayHaveChanged(record.reads) { return .init(path: job.path, render: false) }
                return .init(path: job.path, render: values.value(of: record.reads) != record.readsValue)
            },
            screeningKept: [], search: .rebuild, searchPatch: searchPatch, sink: previous == nil ? .staging : .inPlace,
            site: site, graph: graph, values: values, templates: templates, theme: theme, settings: settings,
            unpublished: collected.unpublished, excluded: collected.excluded, assets: assets, history: history,
            previous: previous)
        plan.reach = reach
        if let outputs, let values {
            plan.search = try searchUpdate(plan)
            plan.screeningKept = screeningKept(plan, values: values, outputs: outputs)
        }
        return plan
    }

    /// The values of what outputs read, for a build that keeps a cache,
    /// and what the edits can have changed of them when no page went.
    private static func values(_ pages: [PagePlan], removed: Bool, graph: SiteGraph) -> (DependencyValues, DependencyReach?) {
        var frontMatter: [PageID: UInt64] = [:]
        frontMatter.reserveCapacity(pages.count)
        for plan in pages { frontMatter[plan.id] = plan.frontMatter }
        guard let (edited, added, reached) = Self.reached(pages, removed: removed, graph: graph),
              let known = known(pages, reached: reached, graph: graph) else {
            return (DependencyValues(graph: graph, frontMatter: frontMatter), nil)
        }
        let values = DependencyValues(graph: graph, frontMatter: frontMatter, known: known)
        // Of the pages reached (those with no kept values), those whose card
        // or facts came out otherwise.
        var cards: [ParsedPage] = [], facts: Set<PageID> = []
        for i in known.indices where known[i] == nil {
            let fingerprints = pages[i].previous?.page.fingerprints  // nil: a new page
            if values.cards[pages[i].id] != fingerprints?.card { cards.append(graph.pages[i]) }
            if values.facts(of: pages[i].id) != fingerprints?.facts { facts.insert(pages[i].id) }
        }
        return (values, DependencyReach(edited: edited, added: added, reached: reached, cards: cards, facts: facts,
                                        guidance: graph.guidanceInOrder.map(\.id)))
    }

    /// What the edits reach, when no page went: the edited pages (their
    /// bytes changed), each as it is and as the last build had it, the new
    /// pages, and with them the pages they name, before or after. A page
    /// read again with the same bytes (touched, or to be rendered) reaches
    /// nothing.
    static func reached(_ pages: [PagePlan], removed: Bool, graph: SiteGraph)
        -> (edited: [(now: ParsedPage, before: Page)], added: [ParsedPage], reached: Set<PageID>)? {
        guard !removed, pages.count == graph.pages.count,
              !pages.contains(where: { $0.previous == nil && $0.change != .added }) else { return nil }
        var edited: [(now: ParsedPage, before: Page)] = []
        var added: [ParsedPage] = []
        var reached: Set<PageID> = []
        for plan in pages where plan.change == .edited || plan.change == .added {
            let before = plan.previous?.page
            if let before { edited.append((plan.parsed, before.page)) } else { added.append(plan.parsed) }
            reached.insert(plan.id)
            for id in plan.resolved.targets + (before?.resolved.targets ?? []) {
                guard graph.page(id) != nil else { return nil }
                reached.insert(id)
            }
        }
        return (edited, added, reached)
    }

    /// The cards and facts of the last build that still hold, in the
    /// graph's page order. A page's card is its own fields and whether
    /// anything links to it; its facts add its front matter and its
    /// relations (links, products ↔ countries), made from its own fields
    /// and from the fields of the pages that name it: only the pages the
    /// edits reach can have others.
    static func known(_ pages: [PagePlan], reached: Set<PageID>, graph: SiteGraph) -> [(card: UInt64, facts: UInt64)?]? {
        var known: [(card: UInt64, facts: UInt64)?] = []
        known.reserveCapacity(pages.count)
        for (plan, page) in zip(pages, graph.pages) {
            guard plan.id == page.id else { return nil }
            if reached.contains(plan.id) {
                known.append(nil)
            } else {
                guard let previous = plan.previous else { return nil }
                known.append((previous.page.fingerprints.card, previous.page.fingerprints.facts))
            }
        }
        return known
    }

    /// Marks the pages whose outputs are rendered, and reads again those
    /// that must be rendered but were taken from the cache.
    /// - Parameter reach: what the edits can have changed, if known: a page
    ///   that reads none of it is not valued (its values are the last build's).
    private func pagesToRender(_ pages: [PagePlan], values: DependencyValues?, reach: DependencyReach?) throws(BuildPlanner.Fallback) -> [PagePlan] {
        // The values unwrapped once, outside the closure: bound in it, the
        // struct was copied and destroyed for each of 10,000 pages (a
        // retain and a release of each of its fields: 8 ms of CPU, `perf`).
        let reasons: [PagePlan.Reason?]
        if previous != nil, let values {
            reasons = pages.indices.concurrentMap { i -> PagePlan.Reason? in
                guard pages[i].change != .added, pages[i].change != .edited, let cached = pages[i].previous else { return .content }
                let fingerprints = cached.page.fingerprints
                if let reach, !fingerprints.mayHaveChanged(in: reach) { return nil }
                return values.value(of: fingerprints.reads) == fingerprints.readsValue ? nil : .reads
            }
        } else {
            reasons = Array(repeating: .content, count: pages.count)
        }
        for i in pages.indices { pages[i].render = reasons[i] }
        // Rendered from the body: read, decoded and resolved again (their
        // diagnostics are the cache's), on every core: a title edit reads
        // again the fifteen pages that link to the page.
        let unread = pages.indices.filter { reasons[$0] != nil && !pages[$0].hasBody }
        let read = unread.concurrentMap { [collector, linker, index] i -> Result<ParsedPage, BuildPlanner.Fallback> in
            do throws(BuildPlanner.Fallback) {
                let parsed = try collector.hydrate(pages[i], log: DiagnosticLog())
                _ = linker.resolve(parsed, index: index, log: DiagnosticLog())
                return .success(parsed)
            } catch {
                return .failure(error)
            }
        }
        for (i, result) in zip(unread, read) {
            pages[i].parsed = try result.get()
            pages[i].hasBody = true
        }
        return pages
    }

    /// Patch the index the cache kept, unless no page's postings or number
    /// changed. Record names are hashes of page ids: kept pages keep theirs
    /// unless an added page took the name first (a hash collision, rare).
    private func searchUpdate(_ plan: BuildPlan) throws(BuildPlanner.Fallback) -> BuildPlan.SearchUpdate {
        guard previous != nil else { return .rebuild }
        let added = plan.pages.contains { $0.change == .added }
        guard added || !plan.removed.isEmpty || plan.pages.contains(where: { $0.change == .edited }) else { return .unchanged }
        guard let recordNames else { return .rebuild }
        let names = recordNames.value
        if names.oldNumbering.tables != names.newNumbering.tables {
            throw .init(reason: "the search index numbers every page anew (a kind's or a category's table of numbers grew, shrank, came or went)")
        }
        guard added || !plan.removed.isEmpty else { return .patch }
        var oldName: [PageID: String] = [:]
        for (record, name) in zip(previous?.snapshot.pages ?? [], names.old.names) { oldName[record.page.page.id] = name }
        for (page, name) in zip(plan.pages, names.new.names) where oldName[page.id].map({ $0 != name }) ?? false {
            throw .init(reason: "\(page.path) must take another search record name (a new page's name collides with it)")
        }
        return .patch
    }

    /// Products and countries whose screening-data objects are copied as
    /// they were: not read now, the same facts, and the same guidance steps
    /// (every object names them).
    private func screeningKept(_ plan: BuildPlan, values: DependencyValues, outputs: OutputCache) -> [PageID] {
        guard outputs.guidanceFacts == Self.guidanceFacts(values) else { return [] }
        return plan.pages.compactMap { page in
            guard page.id.kind == .product || page.id.kind == .country, page.change != .added, page.change != .edited,
                  let cached = page.previous, cached.page.fingerprints.facts == values.facts(of: page.id) else { return nil }
            return page.id
        }
    }

    /// The facts of every guidance step, in their order.
    static func guidanceFacts(_ values: DependencyValues) -> UInt64 {
        var hasher = StableHasher()
        for step in values.graph.guidanceInOrder { hasher.combine(step.id); hasher.combine(values.facts(of: step.id)) }
        return hasher.value
    }
}
