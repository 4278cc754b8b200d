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

/// The planner's second stage: resolves the references of the pages read
/// now (each into its own log, so its diagnostics can be kept with it),
/// checks again the links of unchanged pages that point at a page whose
/// headings changed or that is gone, and assembles the graph.
struct PageLinker: Sendable {
    var site: SiteConfig
    var collector: PageCollector

    /// - Parameter kept: the last build's links (`KeptLinks`), used when
    ///   this build has the same pages and each page read again names what
    ///   it named then.
    func link(_ collected: inout PageCollector.Collected, assets: [String], kept: KeptLinks? = nil,
              log: DiagnosticLog) throws(BuildPlanner.Fallback) -> (SiteGraph, PageIndex) {
        let pages = collected.pages
        let index = PageIndex(
            published: Set(pages.map(\.id)),
            headingIDs: Dictionary(uniqueKeysWithValues: pages.map { ($0.id, $0.parsed.linkableIDs) }),
            excluded: collected.excluded, assets: Set(assets), failed: collected.failed)
        let fresh = pages.concurrentMap { plan -> (SiteGraphBuilder.Resolved, [Diagnostic])? in
            guard plan.hasBody else { return nil }
            let pageLog = DiagnosticLog()
            let resolved = resolve(plan.parsed, index: index, log: pageLog)
            return (resolved, plan.diagnostics + pageLog.diagnostics)
        }
        for (i, result) in fresh.enumerated() {
            if let (resolved, diagnostics) = result { collected.pages[i].resolved = resolved; collected.pages[i].diagnostics = diagnostics }
        }
        try recheck(&collected, index: index)
        checkUniqueOrder(collected.pages, log: log)
        for plan in collected.pages { log.add(contentsOf: plan.diagnostics) }
        let added = kept == nil ? nil : pagesAdded(collected)
        let graph = SiteGraphBuilder(site: site, index: index, log: log)
            .assemble(collected.pages.map(\.parsed), resolved: collected.pages.map(\.resolved),
                      kept: added == nil ? nil : kept, added: added ?? [])
        return (graph, index)
    }

    /// The places of the pages the last build did not have, when the others
    /// link as they did then: none removed, and each one read again naming
    /// the same pages and terms (`SiteGraphBuilder.linkInputs`) as its last
    /// record. Nil otherwise: the graph is linked again.
    private func pagesAdded(_ collected: PageCollector.Collected) -> [Int]? {
        guard collected.removed.isEmpty else { return nil }
        var added: [Int] = []
        for (place, plan) in collected.pages.enumerated() {
            guard let previous = plan.previous else {
                added.append(place)
                continue
            }
            guard plan.hasBody else { continue }
            if SiteGraphBuilder.linkInputs(of: previous.page.page, resolved: previous.page.resolved)
                != SiteGraphBuilder.linkInputs(of: plan.parsed.page, resolved: plan.resolved) { return nil }
        }
        return added
    }

    func resolve(_ parsed: ParsedPage, index: PageIndex, log: DiagnosticLog) -> SiteGraphBuilder.Resolved {
        SiteGraphBuilder(site: site, index: index, log: log).resolve(parsed, resolver: LinkResolver(index: index, log: log))
    }

    /// Unchanged pages that link to a page now gone, or to a page whose
    /// fragment ids changed, are read and resolved again, so a link the edit
    /// broke is reported at the page that holds it.
    private func recheck(_ collected: inout PageCollector.Collected, index: PageIndex) throws(BuildPlanner.Fallback) {
        var targets = Set(collected.removed.map(\.page.id))
        for plan in collected.pages where plan.hasBody {
            if let previous = plan.previous, previous.page.linkableIDs != plan.parsed.linkableIDs.sorted { targets.insert(plan.id) }
        }
        guard !targets.isEmpty else { return }
        for i in collected.pages.indices where !collected.pages[i].hasBody && collected.pages[i].resolved.targets.contains(where: targets.contains) {
            let pageLog = DiagnosticLog()
            let parsed = try collector.hydrate(collected.pages[i], log: pageLog)
            collected.pages[i].resolved = resolve(parsed, index: index, log: pageLog)
            collected.pages[i].parsed = parsed
            collected.pages[i].hasBody = true
            collected.pages[i].diagnostics = pageLog.diagnostics
        }
    }

    /// `order` must be unique across guidance pages.
    private func checkUniqueOrder(_ pages: [PagePlan], log: DiagnosticLog) {
        var seen: [Int: PageID] = [:]
        for plan in pages {
            guard case .guidance(let g) = plan.parsed.page.details else { continue }
            if let first = seen[g.order] {
                log.error(at: SourceLocation(file: plan.parsed.page.file, line: 1, column: 1),
                          "order \(g.order) is also used by \(first)",
                          hint: "give each guidance page its own 'order' number")
            } else {
                seen[g.order] = plan.id
            }
        }
    }
}
