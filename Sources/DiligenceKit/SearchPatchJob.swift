import DiligenceContent
import DiligenceDiagnostics
import DiligenceRender
import DiligenceSearch
import DiligenceSupport

/// The search index's patch (`SearchIndexPatch.Plan`), worked out on
/// another core from the moment the planner knows which pages changed, so
/// it overlaps linking, deciding and rendering. Only computes: the executor
/// writes it (`SearchStep`). Tokenising reads a page's headings and text
/// sections, which linking does not change.
enum SearchPatchJob {
    typealias Outcome = Result<SearchIndexPatch.Plan, SearchIndexPatch.Failure>

    /// Every page's search record name before and now, worked out once for
    /// the planner's collision check and the patch (10,000 names each).
    struct Names: Sendable {
        var old: SearchRecordNames
        var new: SearchRecordNames
    }

    /// Starts working out the record names.
    static func names(_ collected: PageCollector.Collected, previous: PreviousBuild) -> BackgroundResult<Names> {
        let pages = collected.pages
        let samePages = collected.removed.isEmpty && !pages.contains { $0.change == .added }
        return BackgroundResult {
            let old = SearchRecordNames(previous.snapshot.pages.map { $0.page.page.id })  // a closure: a key path copied each page
            return Names(old: old, new: samePages ? old : SearchRecordNames(pages.map(\.id)))
        }
    }

    /// Starts the patch when pages were added, edited or removed since the previous build.
    /// `collector` reads again the unchanged pages that must be tokenised
    /// anew (they list a page whose title changed): the cache keeps no body.
    static func start(_ collected: PageCollector.Collected, previous: PreviousBuild, names: BackgroundResult<Names>,
                      site: SiteConfig, strings: InterfaceStrings, chunkBytes: Int,
                      collector: PageCollector) -> BackgroundResult<Outcome>? {
        let pages = collected.pages, removed = collected.removed.map(\.page.id)
        guard !removed.isEmpty || pages.contains(where: { $0.change == .added || $0.change == .edited }) else { return nil }
        let files = SearchIndexFiles(chunkBytes: chunkBytes, site: site, language: site.language, strings: strings)
        // A page added or removed renumbers every posting: every chunk is
        // read, from now on, while the changed pages are tokenised. An edit
        // reads the chunks it reaches once they are known.
        let renumbers = !removed.isEmpty || pages.contains { $0.change == .added }
        let index = BackgroundResult { () -> SearchIndexPatch.KeptIndex? in
            guard let index = previous.outputs.value?.keptSearchIndex() else { return nil }
            guard renumbers, let all = try? index.all() else { return index }
            return SearchIndexPatch.KeptIndex(all)
        }
        return BackgroundResult {
            do {
                return .success(try patch(pages, removed: removed, previous: previous, index: index, names: names.value,
                                          files: files, collector: collector))
            } catch let error as SearchIndexPatch.Failure {
                return .failure(error)
            } catch let error as BuildPlanner.Fallback {
                return .failure(.unreadable(error.reason))
            } catch {
                return .failure(.unreadable("\(error)"))
            }
        }
    }

    /// Changed pages tokenised, kept pages renumbered.
    /// `index`: the kept index, being read on another core (every chunk,
    /// when pages were added or removed) while this tokenises.
    private static func patch(_ pages: [PagePlan], removed: [PageID], previous: PreviousBuild,
                              index: BackgroundResult<SearchIndexPatch.KeptIndex?>,
                              names: Names, files: SearchIndexFiles, collector: PageCollector) throws -> SearchIndexPatch.Plan {
        var tokenized: [Int: SearchIndexBuilder.Tokenized] = [:]
        let stemmer = SearchStemmer(language: files.language)
        var facetsChanged = !removed.isEmpty
        // A page's labels hold the titles of the pages its lists name: it is
        // indexed again when one of them is added, removed or retitled. A
        // page made from its cache record has the title it had.
        var renamed = Set(removed)
        for page in pages where page.hasBody {  // an added page is read too
            if page.previous?.page.page.title != page.parsed.page.title { renamed.insert(page.id) }
        }
        // Pages come sorted by id: a title is found by halving, not hashed
        // into a table of 10,000 for the few pages tokenised.
        let title = { (id: PageID) -> String? in
            var low = 0, high = pages.count
            while low < high {
                let middle = (low + high) / 2
                if pages[middle].id < id { low = middle + 1 } else { high = middle }
            }
            return low < pages.count && pages[low].id == id ? pages[low].parsed.page.title : nil
        }
        // With no country renamed, no product's list is looked at (ids made
        // of 9,000 products' country lists were most of a title edit's check).
        let renamedKinds = Set(renamed.map(\.kind))
        func listsRenamed(_ page: PagePlan) -> Bool {
            guard let listed = SearchDocument.listedKind(of: page.id.kind), renamedKinds.contains(listed) else { return false }
            return SearchDocument.listedPages(of: page.parsed.page.details).contains(where: renamed.contains)
        }
        for (i, page) in pages.enumerated() {
            guard page.change == .added || page.change == .edited || listsRenamed(page) else { continue }
            // An unchanged page comes from the cache without its body: read from its file again.
            let parsed = page.hasBody ? page.parsed : try collector.hydrate(page, log: DiagnosticLog())
            tokenized[i] = .init(SearchDocument(parsed, site: files.site, strings: files.strings, title: title), stemmer: stemmer)
            let old = page.previous.map { SearchDocument.facets($0.page.page.kind, $0.page.page.details) }
            facetsChanged = facetsChanged || old != SearchDocument.facets(page.id.kind, page.parsed.page.details)
        }
        let renumbered = Self.renumbered(previous.snapshot.pages, now: pages)
        let facets = facetsChanged ? pages.map { SearchDocument.facets($0.id.kind, $0.parsed.page.details) } : nil
        guard let outputs = previous.outputs.value, let index = index.value else { throw SearchIndexPatch.Failure.unreadable("the outputs' index") }
        return try SearchIndexPatch(files: files).plan(
            changed: tokenized, renumbered: renumbered, oldNames: names.old, names: names.new, facets: facets,
            old: index, oldIndexFiles: outputs.searchIndexFiles, oldFilters: outputs.keptTermFilters())
    }

    /// Each page of the last build's number now, nil for a removed page:
    /// both lists sorted by id, walked side by side.
    static func renumbered(_ old: [CachedRecord], now pages: [PagePlan]) -> [Int?] {
        var numbers: [Int?] = []
        numbers.reserveCapacity(old.count)
        var i = 0
        for record in old {
            let id = record.page.page.id
            while i < pages.count, pages[i].id < id { i += 1 }
            numbers.append(i < pages.count && pages[i].id == id ? i : nil)
        }
        return numbers
    }
}
