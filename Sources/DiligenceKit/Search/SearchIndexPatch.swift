import Foundation

/// Brings the search index of an existing output folder up to date with the
/// pages that changed, without tokenising the others: reads the chunk files
/// back, drops the changed pages' old postings, adds their new ones, and
/// writes the index again through `SearchIndexFiles` — so the bytes are those
/// a full build would write (scores depend only on their own page). Files
/// whose bytes are unchanged are left alone by the writer.
struct SearchIndexPatch {
    var output: String
    var files: SearchIndexFiles

    enum Failure: Error {
        /// The index on disk is not in the form this version writes.
        case unreadable(String)
    }

    /// - Parameters:
    ///   - changed: new page number → the page (changed or added), tokenised.
    ///   - renumbered: old page number → new number, nil for a removed page.
    ///   - pageCount: number of pages now.
    ///   - facets: every page's facet values, in page order.
    func apply(changed: [Int: SearchIndexBuilder.Tokenized], renumbered: [Int?], pageCount: Int,
               facets: [[String: [String]]], writer: InPlaceWriter) throws {
        // Old page numbers whose postings are dropped (changed or removed
        // pages), and whether the others keep their numbers.
        var docs = Set<Int32>()
        var moved = false
        for (old, new) in renumbered.enumerated() {
            if let new {
                if changed[new] != nil { docs.insert(Int32(old)) }
                if new != old { moved = true }
            } else {
                docs.insert(Int32(old))
            }
        }
        // Records of pages that moved (every page after an added or removed
        // one) do not name their number: rename them, through temporary
        // names so no record overwrites one not yet moved.
        let moves = renumbered.enumerated().compactMap { old, new -> (old: Int, new: Int)? in
            guard let new, new != old, changed[new] == nil else { return nil }
            return (old, new)
        }
        for move in moves {
            try writer.move("search/d/\(move.old).js", to: "search/d/\(move.old).js.moving", counted: false)
        }
        for move in moves {
            try writer.move("search/d/\(move.old).js.moving", to: "search/d/\(move.new).js")
        }
        for old in pageCount..<max(pageCount, renumbered.count) { writer.remove("search/d/\(old).js") }
        // The changed pages' new postings, by term.
        var fresh: [String: [SearchPosting]] = [:]
        for (doc, tokenized) in changed.sorted(by: { $0.key < $1.key }) {
            writer.write(OutputFile(path: "search/d/\(doc).js", contents: .bytes(tokenized.record)))
            for (term, score) in tokenized.scores { fresh[term, default: []].append(SearchPosting(doc: Int32(doc), score: score)) }
        }
        // Read and parse the old chunks in parallel, then patch them in order.
        var oldChunkCount = 0
        while FileManager.default.fileExists(atPath: output + "/search/i-\(oldChunkCount).js") { oldChunkCount += 1 }
        guard oldChunkCount > 0 else { throw Failure.unreadable("search/i-0.js") }
        var parsed = [(bytes: [UInt8], entries: [SearchIndexFiles.Entry]?)](repeating: ([], nil), count: oldChunkCount)
        parsed.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: oldChunkCount) { i in
                let bytes = [UInt8](FileManager.default.contents(atPath: output + "/search/i-\(i).js") ?? Data())
                out[i] = (bytes, SearchIndexFiles.entries(ofChunk: bytes))
            }
        }
        var entries: [SearchIndexFiles.Entry] = []
        var oldChunks: [String: [UInt8]] = [:]
        for (i, chunk) in parsed.enumerated() {
            guard let chunkEntries = chunk.entries else { throw Failure.unreadable("search/i-\(i).js") }
            oldChunks["search/i-\(i).js"] = chunk.bytes
            for entry in chunkEntries {
                let added = fresh.removeValue(forKey: entry.term)
                guard added != nil || moved || SearchIndexPatch.mentions(entry, docs) else { entries.append(entry); continue }
                var postings = SearchIndexFiles.postings(of: entry).compactMap { posting -> SearchPosting? in
                    guard !docs.contains(posting.doc), let new = renumbered[Int(posting.doc)] else { return nil }
                    return SearchPosting(doc: Int32(new), score: posting.score)
                }
                if let added { postings = (postings + added).sorted { $0.doc < $1.doc } }
                if !postings.isEmpty {
                    entries.append(.init(term: entry.term, bytes: SearchIndexFiles.encode(term: entry.term, postings: postings)))
                }
            }
        }
        parsed = []
        // Terms no page had before, merged into sorted order.
        if !fresh.isEmpty {
            let added = fresh.keys.sorted(by: SearchIndexFiles.precedes).map {
                SearchIndexFiles.Entry(term: $0, bytes: SearchIndexFiles.encode(term: $0, postings: fresh[$0]!))
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
            entries = merged
        }
        let emitted = EmittedPaths()
        let unchanged = oldChunks
        files.write(entries: entries, pageCount: pageCount, facets: facets) { file in
            emitted.insert(file.path)
            // Most chunks come out as they were: skip reading them again.
            if case .bytes(let bytes) = file.contents, unchanged[file.path] == bytes { return }
            writer.write(file)
        }
        // Chunks and vocabulary files the index no longer has.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output + "/search")) ?? []
        for name in names where name.hasSuffix(".js") && (name.hasPrefix("i-") || name.hasPrefix("v-")) {
            if !emitted.contains("search/" + name) { writer.remove("search/" + name) }
        }
    }

    /// Whether a posting list names one of `docs`, without decoding it into an array.
    static func mentions(_ entry: SearchIndexFiles.Entry, _ docs: Set<Int32>) -> Bool {
        var found = false
        SearchIndexFiles.forEachPosting(of: entry) { posting in
            found = docs.contains(posting.doc)
            return !found
        }
        return found
    }

    /// Paths written, collected from several threads.
    final class EmittedPaths: @unchecked Sendable {
        private var paths: Set<String> = []
        private let lock = NSLock()
        func insert(_ path: String) { lock.withLock { _ = paths.insert(path) } }
        func contains(_ path: String) -> Bool { lock.withLock { paths.contains(path) } }
    }
}
