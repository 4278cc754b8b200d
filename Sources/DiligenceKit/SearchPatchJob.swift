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

    /// Every page's search record name and number (`SearchNumbering`)
    /// before and now, worked out once for the planner's checks and the
    /// patch (10,000 names each).
    struct Names: Sendable {
        var old: SearchRecordNames
        var new: SearchRecordNames
        var oldNumbering: SearchNumbering
        var newNumbering: SearchNumbering
        /// The names by number, before and now (the same tables when no
        /// page came, went or changed table: an edit's usual case).
        var oldTables: SearchNameTables
        var newTables: SearchNameTables
    }

    /// Whether the search index has anything to patch: a page added,
    /// edited or removed. Only then are names and numbers worked out.
    static func patches(_ collected: PageCollector.Collected) -> Bool {
        !collected.removed.isEmpty || collected.pages.contains { $0.change == .added || $0.change == .edited }
    }

    /// Starts working out the record names and numbers.
    static func names(_ collected: PageCollector.Collected, previous: PreviousBuild) -> BackgroundResult<Names> {
        let pages = collected.pages
        let samePages = collected.removed.isEmpty && !pages.contains { $0.change == .added }
        return BackgroundResult {
            let records = previous.snapshot.pages
            let old = SearchRecordNames(records.map { $0.page.page.id })  // a closure: a key path copied each page
            let oldNumbering = SearchNumbering(names: old.names, groups: records.map {
                SearchNumbering.group($0.page.page.id.kind, $0.page.page.details)
            })
            // Only an edited page can change table (a product's category).
            let sameGroups = samePages && pages.allSatisfy { page in
                page.change != .edited || page.previous.map {
                    SearchNumbering.group(page.id.kind, $0.page.page.details) == SearchNumbering.group(page.id.kind, page.parsed.page.details)
                } ?? false
            }
            let oldTables = SearchNameTables(old.names, numbering: oldNumbering)
            if sameGroups {
                return Names(old: old, new: old, oldNumbering: oldNumbering, newNumbering: oldNumbering, oldTables: oldTables, newTables: oldTables)
            }
            let new = samePages ? old : SearchRecordNames(pages.map(\.id))
            let newNumbering = SearchNumbering(names: new.names, groups: pages.map { SearchNumbering.group($0.id.kind, $0.parsed.page.details) })
            return Names(old: old, new: new, oldNumbering: oldNumbering, newNumbering: newNumbering,
                         oldTables: oldTables, newTables: SearchNameTables(new.names, numbering: newNumbering))
        }
    }

    /// Starts the patch when pages were added, edited or removed since the previous build.
    /// `collector` reads again the unchanged pages that must be tokenised
    /// anew (they list a page whose title changed): the cache keeps no body.
    static func start(_ collected: PageCollector.Collected, previous: PreviousBuild, names: BackgroundResult<Names>,
                      site: SiteConfig, strings: InterfaceStrings, chunkBytes: Int,
                      collector: PageCollector) -> BackgroundResult<Outcome>? {
        guard patches(collected) else { return nil }
        let pages = collected.pages, removed = collected.removed.map(\.page.id)
        let files = SearchIndexFiles(chunkBytes: chunkBytes, site: site, language: site.language, strings: strings)
        return BackgroundResult {
            do {
                return .success(try patch(pages, removed: removed, previous: previous, names: names.value,
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

    /// Changed pages tokenised, and the kept pages whose number moved (a
    /// page added took their slot, or one removed freed the slot before
    /// theirs): their postings are taken out and put in again, like an
    /// edited page's. The kept index's chunks are read as the patch
    /// reaches them: a page added or removed moves no other page's number,
    /// or a few (`SearchNumbering`).
    private static func patch(_ pages: [PagePlan], removed: [PageID], previous: PreviousBuild,
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
        // Old page → new page, and each page's number before and now.
        let pageNow = Self.renumbered(previous.snapshot.pages, now: pages)
        let oldNumbers = names.oldNumbering.numbers, numbers = names.newNumbering.numbers
        var numberBefore = [Int?](repeating: nil, count: pages.count)
        for (old, new) in pageNow.enumerated() { if let new { numberBefore[new] = oldNumbers[old] } }
        var changedFacets: [Int: [String: [String]]] = [:]
        for (i, page) in pages.enumerated() {
            let moved = numberBefore[i].map { $0 != numbers[i] } ?? false
            guard page.change == .added || page.change == .edited || moved || listsRenamed(page) else { continue }
            // An unchanged page comes from the cache without its body: read from its file again.
            let parsed = page.hasBody ? page.parsed : try collector.hydrate(page, log: DiagnosticLog())
            tokenized[numbers[i]] = .init(SearchDocument(parsed, site: files.site, strings: files.strings, title: title), stemmer: stemmer)
            let old = page.previous.map { SearchDocument.facets($0.page.page.kind, $0.page.page.details) }
            let now = SearchDocument.facets(page.id.kind, page.parsed.page.details)
            changedFacets[numbers[i]] = now
            facetsChanged = facetsChanged || moved || old != now
        }
        // Old number → new number: a page's, nil for a page removed; a
        // number no page had stays itself (no posting names it).
        var renumbered: [Int?] = (0..<names.oldNumbering.count).map { $0 < names.newNumbering.count ? $0 : nil }
        for (old, new) in pageNow.enumerated() { renumbered[oldNumbers[old]] = new.map { numbers[$0] } }
        guard let outputs = previous.outputs.value else { throw SearchIndexPatch.Failure.unreadable("the outputs' index") }
        var facets: SearchFacets?
        if facetsChanged {
            facets = patchedFacets(outputs.searchFacets, names: names, renumbered: renumbered, changed: changedFacets, files: files)
            if facets == nil {
                var byNumber = [[String: [String]]?](repeating: nil, count: names.newNumbering.count)
                for (i, page) in pages.enumerated() { byNumber[numbers[i]] = SearchDocument.facets(page.id.kind, page.parsed.page.details) }
                facets = SearchFacets(byNumber, tables: names.newTables.tables, site: files.site, strings: files.strings)
            }
        }
        return try SearchIndexPatch(files: files).plan(
            changed: tokenized, renumbered: renumbered, oldNames: names.oldTables, names: names.newTables, facets: facets,
            old: outputs.keptSearchIndex(), oldIndexFiles: outputs.searchIndexFiles, oldFilters: outputs.keptTermFilters())
    }

    /// `facets.js` from the one the last build wrote (`kept`): the changed
    /// and moved pages' old numbers taken out, their values now put in;
    /// nil when there is none, or it cannot be read back.
    static func patchedFacets(_ kept: [UInt8]?, names: Names, renumbered: [Int?], changed: [Int: [String: [String]]],
                              files: SearchIndexFiles) -> SearchFacets? {
        guard let kept, let old = SearchFacets.read(file: kept), let lists = old.pagesOf(isTaken: names.oldTables.isTaken) else { return nil }
        // The numbers whose postings the patch drops, by the same rule.
        let dropped = SearchRenumbering.dropped(renumbered, taken: names.oldTables.isTaken) { changed[$0] != nil }
        let pagesOf = SearchFacets.patched(lists, renumbered: renumbered, dropped: dropped, changed: changed)
        return SearchFacets(pagesOf: pagesOf, tables: names.newTables.tables, taken: names.newTables.takenPerTable,
                            site: files.site, strings: files.strings)
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
