import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport
import Foundation

/// Brings the search index of an existing output folder up to date with the
/// pages that changed, without tokenising the others: takes the chunk files
/// as the build cache kept them (`OutputCache`), drops the changed pages' old postings, adds their new ones, and
/// writes the index again through `SearchIndexFiles` — so the bytes are those
/// a full build would write (scores depend only on their own page). Files
/// whose bytes are unchanged are left alone by the writer.
package struct SearchIndexPatch {
    package var files: SearchIndexFiles

    package enum Failure: Error {
        /// The index the cache kept is not in the form this version writes.
        case unreadable(String)
    }

    /// A chunk file of the index being patched: its bytes, name and entries.
    package struct Chunk: Sendable {
        package var bytes: SharedBytes
        package var name: String
        package var entries: [SearchIndexFiles.Entry]

        /// Its path in the output folder.
        package var path: String { "search/\(name).js" }
    }

    /// Parses the index's chunk files as the cache kept them, in order, in
    /// parallel, each with its name. Takes the bytes as read (mapped): the
    /// chunks' entries are runs of them (copying 60 MB of slices into new
    /// arrays was a sixth of a patch).
    package static func chunks(_ kept: [(name: String, bytes: SharedBytes)]) throws -> [Chunk] {
        guard !kept.isEmpty else { throw Failure.unreadable("the search index's first chunk") }
        let parsed = kept.indices.concurrentMap { i -> Chunk? in
            SearchIndexFiles.entries(ofChunk: kept[i].bytes, number: i).map { Chunk(bytes: kept[i].bytes, name: kept[i].name, entries: $0) }
        }
        return try parsed.enumerated().map { i, chunk in
            guard let chunk else { throw Failure.unreadable("the search index's chunk \(i + 1)") }
            return chunk
        }
    }

    /// What a patch changes in the output folder, worked out without
    /// writing anything, so it can be computed while the rest of the build
    /// is still deciding whether it may write.
    package struct Plan: Sendable {
        /// Record files of pages that no longer exist.
        package var removedRecords: [String]
        /// Records of changed pages and the index files whose bytes may have
        /// changed (vocabulary, facets, name tables, meta): the writer compares.
        package var files: [OutputFile]
        /// Chunks whose bytes differ from the old ones: written as they are.
        package var changedChunks: [OutputFile]
        /// Chunk, vocabulary and name-table files the index no longer has.
        package var stale: [String]
        /// The patched index's chunk names, in order, and the paths of its
        /// index files: what the cache keeps for the next patch.
        package var chunkNames: [String]
        package var indexFiles: [String]
        /// Every page's summary (score digest and term filter) now, when
        /// the old ones were given.
        package var termFilters: SearchTermFilters?
    }

    /// - Parameters:
    ///   - changed: new page number → the page (changed or added), tokenised.
    ///   - renumbered: old page number → new number, nil for a removed page.
    ///   - oldNames: the record names of the pages before, in their old order.
    ///   - names: every page's record name now, in page order; a kept page
    ///     keeps its name (the caller checks).
    ///   - facets: every page's facet values, in page order; nil if no
    ///     page's facets or number changed (`facets.js` stays as it is).
    ///   - old: the index's chunks as `chunks` parsed them.
    ///   - oldIndexFiles: the paths of the index's chunk, vocabulary and name-table files.
    ///   - oldFilters: every old page's summary (term filter and score
    ///     digest), if kept. When no page's number moves, a list is kept
    ///     without a scan when none of the dropped pages' filters may hold
    ///     it, or when each of them scores as before in its digest bucket.
    package func plan(changed: [Int: SearchIndexBuilder.Tokenized], renumbered: [Int?], oldNames: SearchRecordNames,
              names: SearchRecordNames, facets: [[String: [String]]]?, old: Result<[Chunk], Error>,
              oldIndexFiles: [String], oldFilters: SearchTermFilters? = nil) throws -> Plan {
        // Old page numbers whose postings are dropped (changed or removed pages).
        var dropped = [Bool](repeating: false, count: renumbered.count)
        for (old, new) in renumbered.enumerated() where new.map({ changed[$0] != nil }) ?? true { dropped[old] = true }
        let renumbering = SearchRenumbering(renumbered: renumbered, dropped: dropped)
        let removedRecords = renumbered.indices.filter { renumbered[$0] == nil }.map { SearchRecordNames.recordPath(oldNames.names[$0]) }
        let oldFilters = oldFilters?.places.count == renumbered.count ? oldFilters : nil
        // With no page added or removed, the only postings that change are
        // the dropped pages': their filters say which lists to look at.
        let droppedNumbers = dropped.indices.filter { dropped[$0] }
        let filtering = renumbered.enumerated().allSatisfy { $0.element == $0.offset } ? oldFilters : nil
        // The changed pages' new postings, by term, and their summaries.
        var planned: [OutputFile] = []
        var fresh: [String: [SearchPosting]] = [:]
        var newFilters: [Int: [UInt8]] = [:]
        for (doc, tokenized) in changed.sorted(by: { $0.key < $1.key }) {
            planned.append(OutputFile(path: SearchRecordNames.recordPath(names.names[doc]), contents: .bytes(tokenized.record)))
            let scores = tokenized.scoresByTerm
            for (term, score) in scores { fresh[term, default: []].append(SearchPosting(doc: Int32(doc), score: score)) }
            if oldFilters != nil {
                newFilters[doc] = SearchTermFilter.summary(scores.map { (SearchTermFilter.hash($0.term), $0.score) })
            }
        }
        // Patch the old chunks (read beforehand) in order.
        var parsed = try old.get()
        var entries: [SearchIndexFiles.Entry] = []
        // The initials of the terms that come or go: the other vocabulary files stay as they are.
        var changedInitials: Set<Unicode.Scalar> = []
        entries.reserveCapacity(parsed.reduce(fresh.count) { $0 + $1.entries.count })
        var oldChunks: [String: SharedBytes] = [:]
        let keptChunks = parsed.map { SearchIndexFiles.KeptChunk(bytes: $0.bytes, name: $0.name, count: $0.entries.count) }
        for chunk in parsed {
            oldChunks[chunk.path] = chunk.bytes
            // The chunk's renumbered entries, one after another in one
            // buffer, and where each goes in `entries` once it is shared.
            var renumberedBytes: [UInt8] = []
            var renumberedEntries: [(index: Int, term: String, range: Range<Int>)] = []
            defer {
                let shared = SharedBytes(renumberedBytes)
                for (index, term, range) in renumberedEntries { entries[index] = .init(term: term, bytes: shared[range]) }
            }
            for entry in chunk.entries {
                let hash = filtering == nil ? 0 : SearchTermFilter.hash(entry.term)
                if let filtering, filtering.scoresUnchanged(droppedNumbers, hash: hash, now: newFilters) {
                    // Every changed page has the terms and scores it had in
                    // this term's digest bucket: its posting here, if any, is
                    // as it was (most of an edited page's terms).
                    fresh.removeValue(forKey: entry.term)
                    entries.append(entry)
                    continue
                }
                if let added = fresh.removeValue(forKey: entry.term) {
                    // A term of a changed page: its other postings renumbered, the new ones inserted.
                    let kept: SharedBytes?
                    switch renumbering.apply(entry) {
                    case nil: throw Failure.unreadable(chunk.path)
                    case .unchanged: kept = entry.bytes
                    case .changed(let bytes): kept = SharedBytes(bytes)
                    case .empty: kept = nil
                    }
                    guard let merged = SearchPostingInsertion.insert(added, into: kept, term: entry.term) else {
                        throw Failure.unreadable(chunk.path)
                    }
                    // Most of an edited page's terms score as before: the
                    // entry comes out as it was read, and stays the old
                    // chunk's (its chunk is then given as it was, not put
                    // together and compared again: a title edit touched
                    // about a hundred chunks so, a tenth of the patch).
                    let bytes = SharedBytes(merged)
                    entries.append(SharedBytes.same(bytes, entry.bytes) ? entry : .init(term: entry.term, bytes: bytes))
                    continue
                }
                if let filtering, !filtering.anyMayContain(droppedNumbers, hash: hash) {
                    entries.append(entry)
                    continue
                }
                switch renumbering.apply(entry, appendingTo: &renumberedBytes) {
                case nil: throw Failure.unreadable(chunk.path)
                case .unchanged: entries.append(entry)
                case .changed(let range):
                    renumberedEntries.append((entries.count, entry.term, range))
                    entries.append(entry)  // its place, until the buffer is shared
                case .empty: changedInitials.insert(Self.initial(entry.term))
                }
            }
        }
        parsed = []
        for term in fresh.keys { changedInitials.insert(Self.initial(term)) }
        entries = Self.merging(entries, newTerms: fresh)
        let emitted = Collected()
        let unchanged = oldChunks
        // Most chunks come out as they were, named only: they are left out.
        let keptTables = SearchIndexFiles.KeptTables(names: names.names == oldNames.names, changedInitials: changedInitials)
        let chunkNames = files.write(entries: entries, names: names, facets: facets, kept: keptChunks, keptTables: keptTables,
                    unchanged: { emitted.add($0, nil, known: true) }) { file in
            if case .bytes(let bytes) = file.contents, let old = unchanged[file.path] {
                emitted.add(file.path, SharedBytes.same(old, SharedBytes(bytes)) ? nil : file, known: true)
            } else {
                emitted.add(file.path, file, known: false)
            }
        }
        planned += emitted.files.sorted { $0.path < $1.path }
        let paths = emitted.paths
        let stale = oldIndexFiles.filter { !paths.contains($0) }
        return Plan(removedRecords: removedRecords, files: planned, changedChunks: emitted.knownChanged.sorted { $0.path < $1.path },
                    stale: stale.sorted(), chunkNames: chunkNames, indexFiles: Self.indexFiles(paths),
                    termFilters: oldFilters?.patched(renumbered: renumbered, changed: newFilters, count: names.names.count))
    }

    /// The initial a term's form is listed under in the vocabulary files.
    private static func initial(_ term: String) -> Unicode.Scalar {
        SearchStemmer.form(ofTerm: term).unicodeScalars.first ?? " "
    }

    /// Entries with the terms no page had before merged into their sorted places.
    private static func merging(_ entries: [SearchIndexFiles.Entry], newTerms: [String: [SearchPosting]]) -> [SearchIndexFiles.Entry] {
        guard !newTerms.isEmpty else { return entries }
        let added = newTerms.sorted { SearchIndexFiles.precedes($0.key, $1.key) }.map { term, postings in
            SearchIndexFiles.Entry(term: term, bytes: SharedBytes(SearchIndexFiles.encode(term: term, postings: postings)))
        }
        var merged: [SearchIndexFiles.Entry] = []
        merged.reserveCapacity(entries.count + added.count)
        var i = 0, j = 0
        while i < entries.count || j < added.count {
            if j == added.count || (i < entries.count && SearchIndexFiles.precedes(entries[i].term, added[j].term)) {
                merged.append(entries[i]); i += 1
            } else {
                merged.append(added[j]); j += 1
            }
        }
        return merged
    }

    /// The chunk, vocabulary and name-table files among an index's paths, sorted.
    package static func indexFiles<S: Sequence>(_ paths: S) -> [String] where S.Element == String {
        paths.filter { path in
            let name = path.dropFirst("search/".count)
            return path.hasPrefix("search/") && !name.contains("/") && name.hasSuffix(".js")
                && (name.hasPrefix("i-") || name.hasPrefix("v-") || name.hasPrefix("n-"))
        }.sorted()
    }

    /// Index files emitted by the writer (from several threads): every path,
    /// the files that differ, or may differ, from the old ones.
    package final class Collected: @unchecked Sendable {
        private var allPaths: Set<String> = []
        private var changed: [OutputFile] = []
        private var different: [OutputFile] = []
        private let lock = NSLock()
        /// `known`: the file is a chunk compared with its old bytes already.
        package func add(_ path: String, _ file: OutputFile?, known: Bool) {
            lock.withLock {
                allPaths.insert(path)
                if let file { known ? different.append(file) : changed.append(file) }
            }
        }
        package var paths: Set<String> { lock.withLock { allPaths } }
        package var files: [OutputFile] { lock.withLock { changed } }
        package var knownChanged: [OutputFile] { lock.withLock { different } }
    }

    package init(files: SearchIndexFiles) {
        self.files = files
    }
}
