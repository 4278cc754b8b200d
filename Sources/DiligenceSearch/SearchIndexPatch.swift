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

        package init(bytes: SharedBytes, name: String, entries: [SearchIndexFiles.Entry]) {
            self.bytes = bytes
            self.name = name
            self.entries = entries
        }
    }

    /// The index's chunks as the cache kept them, before any is read: each
    /// one's name and, when known for all, how it begins and its terms'
    /// hashes; `load` reads one (nil: it cannot be). A one-page edit
    /// reaches a few of 870 chunks at 10,000 pages: the others are neither
    /// read nor put together again (`SearchIndexFiles.Item.kept`).
    package struct KeptIndex: Sendable {
        package var names: [String]
        package var starts: [SearchIndexFiles.ChunkStart]?
        package var load: @Sendable (Int) -> Chunk?

        package init(names: [String], starts: [SearchIndexFiles.ChunkStart]?, load: @escaping @Sendable (Int) -> Chunk?) {
            self.names = names
            self.starts = starts
            self.load = load
        }

        /// Parsed chunks, all read already (tests, and an index without starts).
        package init(_ chunks: [Chunk]) {
            self.init(names: chunks.map(\.name), starts: nil) { chunks.indices.contains($0) ? chunks[$0] : nil }
        }

        /// Every chunk, read in parallel.
        package func all() throws -> [Chunk] {
            let read = names.indices.concurrentMap { load($0) }
            return try read.enumerated().map { i, chunk in
                guard let chunk else { throw Failure.unreadable("chunk \(i + 1) of the search index") }
                return chunk
            }
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
        /// How each chunk written begins, by name (what the cache keeps).
        package var chunkStarts: [String: SearchIndexFiles.ChunkStart] = [:]
        /// How many of the old index's chunks the patch read, of how many.
        package var chunksRead = 0
        package var chunksKept = 0
        /// The chunks read, held as long as the plan is: at 10,000 pages a
        /// page added reads about half of 900 (one that moves another,
        /// up to 740: 30 MB mapped, 25,000 entries), and letting all of
        /// them go when the patch was worked out cost 16 ms of CPU
        /// (unmapping, freeing); a build that exits next keeps its plan to
        /// the end (`ExitRelease`), where the system takes it all at once.
        package var read: [Chunk] = []
    }

    /// - Parameters:
    ///   - changed: new number → the page (changed, added, or moved to
    ///     another number), tokenised.
    ///   - renumbered: old number → new number, nil for a removed page; a
    ///     number no page had maps to itself.
    ///   - oldNames: the record names before, by old number.
    ///   - names: the record names now, by number; a kept page keeps its
    ///     name (the caller checks).
    ///   - facets: `facets.js` now; nil if no page's facets or number
    ///     changed (it stays as it is).
    ///   - old: the index's chunks as the cache kept them, read as needed:
    ///     with the chunks' starts and term hashes, and no page added or
    ///     removed, only those the edit reaches (all of them otherwise).
    ///   - oldIndexFiles: the paths of the index's chunk, vocabulary and name-table files.
    ///   - oldFilters: every old page's summary (term filter and score
    ///     digest), if kept. When no page's number moves, a list is kept
    ///     without a scan when none of the dropped pages' filters may hold
    ///     it, or when each of them scores as before in its digest bucket.
    package func plan(changed: [Int: SearchIndexBuilder.Tokenized], renumbered: [Int?], oldNames: SearchNameTables,
              names: SearchNameTables, facets: SearchFacets?, old: KeptIndex,
              oldIndexFiles: [String], oldFilters: SearchTermFilters? = nil) throws -> Plan {
        // An index has a chunk even with no entries: none kept is a cache that lost them.
        guard !old.names.isEmpty else { throw Failure.unreadable("the search index's chunks") }
        // Old numbers whose postings are dropped (changed, moved or removed pages).
        let dropped = SearchRenumbering.dropped(renumbered, taken: oldNames.isTaken) { changed[$0] != nil }
        let renumbering = SearchRenumbering(renumbered: renumbered, dropped: dropped)
        let removedRecords = renumbered.indices.filter { renumbered[$0] == nil && oldNames.isTaken($0) }
            .map { SearchRecordNames.recordPath(oldNames.names[$0]) }
        let oldFilters = oldFilters?.places.count == renumbered.count ? oldFilters : nil
        // When every other page keeps its number, the only postings that
        // change are the dropped pages': their filters say which lists to look at.
        let droppedNumbers = dropped.indices.filter { dropped[$0] }
        let filtering = renumbered.indices.allSatisfy { dropped[$0] || !oldNames.isTaken($0) || renumbered[$0] == $0 } ? oldFilters : nil
        // Whether every page tokenised was there before under the same
        // number (edits only): then a term it scores as before in its
        // digest bucket needs no look. A page added or moved to another
        // number has postings no list holds yet.
        let edits = changed.keys.allSatisfy { $0 < renumbered.count && dropped[$0] && renumbered[$0] == $0 }
        func scoresUnchanged(_ hash: UInt64) -> Bool {
            edits && filtering?.scoresUnchanged(droppedNumbers, hash: hash, now: newFilters) == true
        }
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
        // The dropped pages whose old postings must be looked for through
        // their filters. A page moved to another number with the score
        // digest it had (an unedited page that an added or removed one
        // moved along its run of slots) has its old postings under the very
        // terms it is given again under, whose lists `fresh` reaches and
        // renumbers anyway. Through its filter, one term in fifty of every
        // other list may hold it: at 10,000 pages, a new page that moved one
        // other page had its patch reach 725 chunks rather than 551.
        let searchedNumbers = droppedNumbers.filter { number in
            guard let filtering, let moved = renumbered[number], moved != number,
                  let summary = newFilters[moved] else { return true }
            return !filtering.sameDigest(summary, at: number)
        }
        // Each chunk the edit reaches is read and patched; the others are
        // given whole (`Item.kept`) where the index allows it.
        // The initials of the terms that come or go: the other vocabulary files stay as they are.
        var changedInitials: Set<Unicode.Scalar> = []
        /// A chunk's entries patched: the changed pages' postings taken out
        /// and put in, the others renumbered.
        func patched(_ chunk: Chunk) throws -> [SearchIndexFiles.Entry] {
            var entries: [SearchIndexFiles.Entry] = []
            entries.reserveCapacity(chunk.entries.count)
            // The chunk's renumbered entries, one after another in one
            // buffer, and where each goes in `entries` once it is shared.
            var renumberedBytes: [UInt8] = []
            var renumberedEntries: [(index: Int, term: String, range: Range<Int>)] = []
            for entry in chunk.entries {
                let hash = filtering == nil ? 0 : SearchTermFilter.hash(entry.term)
                if scoresUnchanged(hash) {
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
                if let filtering, !filtering.anyMayContain(searchedNumbers, hash: hash) {
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
            let shared = SharedBytes(renumberedBytes)
            for (index, term, range) in renumberedEntries { entries[index] = .init(term: term, bytes: shared[range]) }
            return entries
        }
        var oldChunks: [String: SharedBytes] = [:]
        var readChunks: [Chunk] = []
        let items: [SearchIndexFiles.Item]
        var keptChunks: [SearchIndexFiles.KeptChunk]
        var keptInitials: [Unicode.Scalar] = []
        if let filtering, let starts = old.starts, starts.count == old.names.count, !starts.isEmpty {
            // Only the chunks the edit reaches: those whose range holds a
            // term of a changed page now, or a term whose list may hold a
            // dropped posting that is not as it was (by the terms' hashes,
            // without reading the chunk).
            let firstTerms = starts.map(\.term)
            func chunkIndex(_ term: String) -> Int {
                var low = 0, high = firstTerms.count  // the first chunk that begins after `term`
                while low < high {
                    let middle = (low + high) / 2
                    if SearchIndexFiles.precedes(term, firstTerms[middle]) { high = middle } else { low = middle + 1 }
                }
                return max(0, low - 1)
            }
            // A changed page's term that scores as before in its digest
            // bucket was there before, as it is: it is left where it is.
            for term in fresh.keys where scoresUnchanged(SearchTermFilter.hash(term)) {
                fresh.removeValue(forKey: term)
            }
            var reached = Set(fresh.keys.map(chunkIndex))
            for (i, start) in starts.enumerated() where !reached.contains(i) {
                if !searchedNumbers.isEmpty, start.termHashes.contains(where: { filtering.anyMayContain(searchedNumbers, hash: $0)
                    && !scoresUnchanged($0) }) {
                    reached.insert(i)
                }
            }
            var entriesOf: [Int: [SearchIndexFiles.Entry]] = [:]
            var read: [Int: Chunk] = [:]
            func readAll(_ indices: [Int]) throws {
                let chunks = indices.concurrentMap { old.load($0) }
                for (i, chunk) in zip(indices, chunks) {
                    guard let chunk else { throw Failure.unreadable("chunk \(i + 1) of the search index") }
                    read[i] = chunk
                    entriesOf[i] = try patched(chunk)
                }
            }
            try readAll(reached.sorted())
            // Terms no page had before, in the chunk whose range they fall in.
            for term in fresh.keys { changedInitials.insert(Self.initial(term)) }
            var newTerms: [Int: [String: [SearchPosting]]] = [:]
            for (term, postings) in fresh { newTerms[chunkIndex(term), default: [:]][term] = postings }
            for (chunk, terms) in newTerms { entriesOf[chunk] = Self.merging(entriesOf[chunk] ?? [], newTerms: terms) }
            fresh = [:]
            // A changed initial's vocabulary file lists the forms of every
            // chunk that may hold one: those are read too (as they are).
            func mayHold(_ chunk: Int, _ initial: Unicode.Scalar) -> Bool {
                let prefix = String(initial)
                if firstTerms[chunk].unicodeScalars.first == initial { return true }
                if SearchIndexFiles.precedes(prefix, firstTerms[chunk]) { return false }
                guard chunk + 1 < firstTerms.count else { return true }
                let next = firstTerms[chunk + 1]
                return SearchIndexFiles.precedes(prefix, next) || next.unicodeScalars.first == initial
            }
            try readAll(starts.indices.filter { i in entriesOf[i] == nil && changedInitials.contains { mayHold(i, $0) } })
            for chunk in read.values { oldChunks[chunk.path] = chunk.bytes }
            readChunks = Array(read.values)
            items = starts.indices.flatMap { i in entriesOf[i].map { $0.map(SearchIndexFiles.Item.entry) } ?? [.kept(i)] }
            keptChunks = starts.enumerated().map { i, start in
                SearchIndexFiles.KeptChunk(bytes: read[i]?.bytes, name: old.names[i], count: start.count, first: (start.term, start.size))
            }
            keptInitials = oldIndexFiles.compactMap(Self.vocabularyInitial)
        } else {
            // Every chunk read, in order.
            let parsed = try old.all()
            readChunks = parsed
            var entries: [SearchIndexFiles.Entry] = []
            entries.reserveCapacity(parsed.reduce(fresh.count) { $0 + $1.entries.count })
            for chunk in parsed {
                oldChunks[chunk.path] = chunk.bytes
                entries += try patched(chunk)
            }
            for term in fresh.keys { changedInitials.insert(Self.initial(term)) }
            items = Self.merging(entries, newTerms: fresh).map(SearchIndexFiles.Item.entry)
            keptChunks = parsed.map { SearchIndexFiles.KeptChunk(bytes: $0.bytes, name: $0.name, count: $0.entries.count) }
        }
        let emitted = Collected()
        let unchanged = oldChunks
        // Most chunks come out as they were, named only: they are left out.
        let keptTables = SearchIndexFiles.KeptTables(names: oldNames, changedInitials: changedInitials)
        var chunksRead = oldChunks.count
        var chunkStarts: [String: SearchIndexFiles.ChunkStart] = [:]
        let written = files.write(items: items, names: names, facets: facets, kept: keptChunks, keptTables: keptTables,
                                  keptInitials: keptInitials, load: { i in
                                      chunksRead += 1
                                      return old.load(i).map { ($0.bytes, $0.entries) }
                                  },
                                  unchanged: { emitted.add($0, nil, known: true) },
                                  describe: { chunkStarts[$0] = $1 }) { file in
            if case .bytes(let bytes) = file.contents, let old = unchanged[file.path] {
                emitted.add(file.path, SharedBytes.same(old, SharedBytes(bytes)) ? nil : file, known: true)
            } else {
                emitted.add(file.path, file, known: false)
            }
        }
        guard let chunkNames = written else { throw Failure.unreadable("a kept chunk of the search index") }
        planned += emitted.files.sorted { $0.path < $1.path }
        let paths = emitted.paths
        let stale = oldIndexFiles.filter { !paths.contains($0) }
        return Plan(removedRecords: removedRecords, files: planned, changedChunks: emitted.knownChanged.sorted { $0.path < $1.path },
                    stale: stale.sorted(), chunkNames: chunkNames, indexFiles: Self.indexFiles(paths),
                    termFilters: oldFilters?.patched(renumbered: renumbered, changed: newFilters, count: names.names.count),
                    chunkStarts: chunkStarts, chunksRead: chunksRead, chunksKept: old.names.count, read: readChunks)
    }

    /// The initial of a vocabulary file's path (`search/v-<hex>.js`).
    static func vocabularyInitial(_ path: String) -> Unicode.Scalar? {
        guard path.hasPrefix("search/v-"), path.hasSuffix(".js") else { return nil }
        return UInt32(path.dropFirst("search/v-".count).dropLast(".js".count), radix: 16).flatMap(Unicode.Scalar.init)
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
