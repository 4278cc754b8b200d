import Foundation

/// Builds the client-side search index as static script files under
/// `search/`, loaded on demand by `static/search.js` through script elements
/// (so it works from `file://` and under `script-src 'self'`):
///
/// - `meta.js`: page count, the first term of each chunk, the initials that
///   have a vocabulary file, the facets.
/// - `i-<n>.js`: chunks of the inverted index, terms in sorted order, each
///   term's postings as `docDelta,score,docDelta,score…` in base 36. Scores
///   are BM25F (per-field weights and length normalisation), precomputed and
///   quantised, so the browser only adds numbers.
/// - `v-<hex>.js`: every term starting with one character, for one-typo
///   matching (loaded only when a long word has no exact match).
/// - `d/<n>.js`: one page's record (title, summary, sections) for results
///   and snippets; only the records of results shown are loaded.
/// - `facets.js`: the pages of each filter value, for counts on the results page.
public struct SearchIndexBuilder: Sendable {
    /// Field weights, in `SearchDocument.Field` order: title, headings,
    /// summary, list fields, body.
    public static let weights: [Double] = [10, 4, 3, 2, 1]
    // Larger than the usual 1.2 because field weights multiply term
    // frequencies: with 1.2 a title match saturates and ranks like a heading match.
    static let k1 = 5.0
    static let b = 0.75
    /// Chunks are cut when they pass this many bytes.
    public var chunkBytes: Int

    public init(chunkBytes: Int = 24_000) {
        self.chunkBytes = chunkBytes
    }

    /// Builds the index, handing each file to `emit` (from several threads)
    /// as soon as it is ready; page records are written during tokenising.
    public func build(_ graph: SiteGraph, emit: @Sendable (OutputFile) -> Void) {
        let pages = graph.pages
        let fieldCount = SearchDocument.Field.allCases.count
        // Per page, in parallel: its record file, facets, and term → counts per field.
        var documents = [Tokenized?](repeating: nil, count: pages.count)
        documents.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                let tokenized = Tokenized(SearchDocument(pages[i], site: graph.site), number: i)
                emit(OutputFile(path: "search/d/\(i).js", contents: .bytes(tokenized.record)))
                out[i] = tokenized
            }
        }
        let docs = documents.map { $0! }
        let n = Double(max(docs.count, 1))
        var average = [Double](repeating: 0, count: fieldCount)
        for d in docs { for f in 0..<fieldCount { average[f] += Double(d.lengths[f]) / n } }

        // Inverted index: term → postings, pages in increasing order.
        var termIDs: [String: Int] = [:]
        var terms: [String] = []
        var postings: [[Posting]] = []
        for (i, d) in docs.enumerated() {
            for (term, counts) in d.terms {
                let id: Int
                if let known = termIDs[term] { id = known } else {
                    id = terms.count
                    termIDs[term] = id
                    terms.append(term)
                    postings.append([])
                }
                postings[id].append(Posting(doc: Int32(i), counts: counts))
            }
        }
        termIDs = [:]
        // UTF-16 order: the order of JavaScript string comparison, used to find a chunk.
        let order = terms.indices.sorted { terms[$0].utf16.lexicographicallyPrecedes(terms[$1].utf16) }
        // Length normalisation per page and field, computed once.
        let norms: [[Double]] = docs.map { d in
            (0..<fieldCount).map { f in
                1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Double(d.lengths[f]) / max(average[f], 1)
            }
        }

        var chunkFirstTerms: [String] = []
        var chunk = JSONBytes(capacity: chunkBytes + 4096)
        var chunkCount = 0
        var vocabulary: [Unicode.Scalar: [String]] = [:]
        func closeChunk() {
            var file = JSONBytes(capacity: chunk.bytes.count + 64)
            file.raw("DiligenceSearch.put(\"i-")
            file.decimal(chunkCount)
            file.raw("\",{")
            file.bytes += chunk.bytes
            file.raw("});\n")
            emit(OutputFile(path: "search/i-\(chunkCount).js", contents: .bytes(file.bytes)))
            chunkCount += 1
            chunk.bytes.removeAll(keepingCapacity: true)
        }
        for id in order {
            let term = terms[id]
            let list = postings[id]
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            if chunk.bytes.isEmpty { chunkFirstTerms.append(term) } else { chunk.bytes.append(UInt8(ascii: ",")) }
            chunk.string(term)
            chunk.raw(":\"")
            var previous = 0
            for (k, posting) in list.enumerated() {
                let doc = Int(posting.doc)
                var weighted = 0.0
                posting.counts.forEach { f, count in
                    weighted += SearchIndexBuilder.weights[f] * Double(count) / norms[doc][f]
                }
                let score = max(1, Int((idf * weighted / (SearchIndexBuilder.k1 + weighted) * 100).rounded()))
                if k > 0 { chunk.bytes.append(UInt8(ascii: ",")) }
                chunk.base36(doc - previous)
                chunk.bytes.append(UInt8(ascii: ","))
                chunk.base36(score)
                previous = doc
            }
            chunk.bytes.append(UInt8(ascii: "\""))
            postings[id] = []
            if chunk.bytes.count >= chunkBytes { closeChunk() }
            if let initial = term.unicodeScalars.first { vocabulary[initial, default: []].append(term) }
        }
        if !chunk.bytes.isEmpty || chunkCount == 0 {
            if chunk.bytes.isEmpty { chunkFirstTerms.append("") }
            closeChunk()
        }
        for (initial, words) in vocabulary {
            let key = "v-" + String(initial.value, radix: 16)
            emit(OutputFile(path: "search/\(key).js",
                                    text: ScriptData.call("DiligenceSearch.put", key, words.joined(separator: " "))))
        }
        let facets = SearchFacets(docs.map(\.facets), site: graph.site)
        emit(OutputFile(path: "search/facets.js", text: ScriptData.call("DiligenceSearch.put", "facets", facets)))
        let meta = SearchMeta(n: docs.count, c: chunkFirstTerms,
                              v: vocabulary.keys.map { String(Character($0)) }.sorted(),
                              w: SearchIndexBuilder.weights)
        emit(OutputFile(path: "search/meta.js", text: ScriptData.call("DiligenceSearch.put", "meta", meta)))
    }

    /// A page's occurrences of a term in each field (saturating at 65,535).
    struct FieldCounts {
        var counts: (UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0)

        mutating func add(_ field: Int) {
            switch field {
            case 0: counts.0 &+= counts.0 == .max ? 0 : 1
            case 1: counts.1 &+= counts.1 == .max ? 0 : 1
            case 2: counts.2 &+= counts.2 == .max ? 0 : 1
            case 3: counts.3 &+= counts.3 == .max ? 0 : 1
            default: counts.4 &+= counts.4 == .max ? 0 : 1
            }
        }

        func forEach(_ body: (Int, UInt16) -> Void) {
            if counts.0 > 0 { body(0, counts.0) }
            if counts.1 > 0 { body(1, counts.1) }
            if counts.2 > 0 { body(2, counts.2) }
            if counts.3 > 0 { body(3, counts.3) }
            if counts.4 > 0 { body(4, counts.4) }
        }
    }

    struct Posting {
        var doc: Int32
        var counts: FieldCounts
    }

    /// One page, tokenised: what the merge needs, and its record file.
    struct Tokenized {
        var number: Int
        var terms: [String: FieldCounts]
        var lengths: [Int]
        /// Emptied once written.
        var record: [UInt8]
        var facets: [String: [String]]

        init(_ doc: SearchDocument, number: Int) {
            self.number = number
            var terms: [String: FieldCounts] = [:]
            var lengths = [Int](repeating: 0, count: SearchDocument.Field.allCases.count)
            for field in SearchDocument.Field.allCases {
                for text in doc.text[field] ?? [] {
                    TextFolding.forEachWord(text) { word in
                        terms[word, default: FieldCounts()].add(field.rawValue)
                        lengths[field.rawValue] += 1
                    }
                }
            }
            self.terms = terms
            self.lengths = lengths
            self.facets = doc.facets
            self.record = doc.record.script(number: number)
        }
    }
}

/// `search/meta.js`: what the browser needs before its first lookup.
struct SearchMeta: Encodable {
    /// Number of pages.
    var n: Int
    /// First term of each chunk `i-<n>.js`, in order.
    var c: [String]
    /// Initials that have a vocabulary file.
    var v: [String]
    /// Field weights, for reference.
    var w: [Double]
}
