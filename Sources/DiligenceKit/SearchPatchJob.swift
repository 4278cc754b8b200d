import DiligenceContent
import DiligenceSearch
import DiligenceSupport

/// The search index's patch (`SearchIndexPatch.Plan`), worked out on
/// another core from the moment the planner knows which pages changed, so
/// it overlaps linking, deciding and rendering. Only computes: the executor
/// writes it (`SearchStep`). Tokenising reads a page's headings and text
/// sections, which linking does not change.
enum SearchPatchJob {
    typealias Outcome = Result<SearchIndexPatch.Plan, SearchIndexPatch.Failure>

    /// Starts the patch when pages were added, edited or removed since the previous build.
    static func start(_ collected: PageCollector.Collected, previous: PreviousBuild, site: SiteConfig,
                      chunkBytes: Int) -> BackgroundResult<Outcome>? {
        let pages = collected.pages, removed = collected.removed.count
        guard removed > 0 || pages.contains(where: { $0.change == .added || $0.change == .edited }) else { return nil }
        let files = SearchIndexFiles(chunkBytes: chunkBytes, site: site)
        return BackgroundResult {
            do {
                return .success(try patch(pages, removed: removed, previous: previous, files: files))
            } catch let error as SearchIndexPatch.Failure {
                return .failure(error)
            } catch {
                return .failure(.unreadable("\(error)"))
            }
        }
    }

    /// Changed pages tokenised, kept pages renumbered.
    private static func patch(_ pages: [PagePlan], removed: Int, previous: PreviousBuild,
                              files: SearchIndexFiles) throws -> SearchIndexPatch.Plan {
        var tokenized: [Int: SearchIndexBuilder.Tokenized] = [:]
        var number: [PageID: Int] = [:]
        number.reserveCapacity(pages.count)
        var facetsChanged = removed > 0
        for (i, page) in pages.enumerated() {
            number[page.id] = i
            guard page.change == .added || page.change == .edited else { continue }
            tokenized[i] = .init(SearchDocument(page.parsed, site: files.site))
            let old = page.previous.map { SearchDocument.facets(of: $0.page.page) }
            facetsChanged = facetsChanged || old != SearchDocument.facets(of: page.parsed.page)
        }
        let snapshot = previous.snapshot
        let renumbered = snapshot.pages.map { number[$0.page.page.id] }
        let oldNames = SearchRecordNames(snapshot.pages.map(\.page.page.id))
        let samePages = removed == 0 && !pages.contains { $0.change == .added }
        let names = samePages ? oldNames : SearchRecordNames(pages.map(\.id))
        let facets = facetsChanged ? pages.map { SearchDocument.facets(of: $0.parsed.page) } : nil
        return try SearchIndexPatch(files: files).plan(
            changed: tokenized, renumbered: renumbered, oldNames: oldNames, names: names, facets: facets,
            old: previous.searchChunks.value, oldIndexFiles: previous.outputs.value?.searchIndexFiles ?? [])
    }
}
