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

    public func build(_ graph: SiteGraph) -> [OutputFile] {
        let pages = graph.pages
        let fieldCount = SearchDocument.Field.allCases.count
        // Per page: the record, the facets, and term → frequency per field.
        var documents = [(doc: SearchDocument, terms: [String: [Int32]], lengths: [Int])?](repeating: nil, count: pages.count)
        documents.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                let doc = SearchDocument(pages[i], site: graph.site)
                var terms: [String: [Int32]] = [:]
                var lengths = [Int](repeating: 0, count: fieldCount)
                for field in SearchDocument.Field.allCases {
                    for text in doc.text[field] ?? [] {
                        TextFolding.forEachWord(text) { word in
                            terms[word, default: [Int32](repeating: 0, count: fieldCount)][field.rawValue] += 1
                            lengths[field.rawValue] += 1
                        }
                    }
                }
                out[i] = (doc, terms, lengths)
            }
        }
        let docs = documents.map { $0! }
        let n = Double(max(docs.count, 1))
        var average = [Double](repeating: 0, count: fieldCount)
        for d in docs { for f in 0..<fieldCount { average[f] += Double(d.lengths[f]) / n } }
        // Inverted index: term → (doc, frequencies), docs in increasing order.
        var postings: [String: [(doc: Int, tf: [Int32])]] = [:]
        for (i, d) in docs.enumerated() {
            for (term, tf) in d.terms { postings[term, default: []].append((i, tf)) }
        }
        // UTF-16 order: the order of JavaScript string comparison, used to find a chunk.
        let terms = postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        var files: [OutputFile] = []
        var chunkFirstTerms: [String] = []
        var chunk = ""
        var chunkCount = 0
        func closeChunk() {
            files.append(OutputFile(path: "search/i-\(chunkCount).js", text: "DiligenceSearch.put(\"i-\(chunkCount)\",{" + chunk + "});\n"))
            chunkCount += 1
            chunk = ""
        }
        var vocabulary: [Unicode.Scalar: [String]] = [:]
        for term in terms {
            let list = postings[term]!
            let df = Double(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            var encoded = ""
            var previous = 0
            for (doc, tf) in list {
                var weighted = 0.0
                for f in 0..<fieldCount where tf[f] > 0 {
                    let length = Double(docs[doc].lengths[f])
                    let norm = 1 - SearchIndexBuilder.b + SearchIndexBuilder.b * length / max(average[f], 1)
                    weighted += SearchIndexBuilder.weights[f] * Double(tf[f]) / norm
                }
                let score = max(1, Int((idf * weighted / (SearchIndexBuilder.k1 + weighted) * 100).rounded()))
                if !encoded.isEmpty { encoded += "," }
                encoded += String(doc - previous, radix: 36) + "," + String(score, radix: 36)
                previous = doc
            }
            if chunk.isEmpty { chunkFirstTerms.append(term) } else { chunk += "," }
            chunk += ScriptData.json(term) + ":\"" + encoded + "\""
            if chunk.utf8.count >= chunkBytes { closeChunk() }
            if let initial = term.unicodeScalars.first { vocabulary[initial, default: []].append(term) }
        }
        if !chunk.isEmpty || chunkCount == 0 {
            if chunk.isEmpty { chunkFirstTerms.append("") }
            closeChunk()
        }
        for (initial, words) in vocabulary {
            files.append(OutputFile(path: "search/v-\(String(initial.value, radix: 16)).js",
                                    text: ScriptData.call("DiligenceSearch.put", "v-\(String(initial.value, radix: 16))", words.joined(separator: " "))))
        }
        for (i, d) in docs.enumerated() {
            files.append(OutputFile(path: "search/d/\(i).js", text: ScriptData.call("DiligenceSearch.put", "d-\(i)", d.doc.record)))
        }
        let facets = SearchFacets(docs.map(\.doc), site: graph.site)
        files.append(OutputFile(path: "search/facets.js", text: ScriptData.call("DiligenceSearch.put", "facets", facets)))
        let meta = SearchMeta(n: docs.count, c: chunkFirstTerms,
                              v: vocabulary.keys.map { String(Character($0)) }.sorted(),
                              w: SearchIndexBuilder.weights)
        files.append(OutputFile(path: "search/meta.js", text: ScriptData.call("DiligenceSearch.put", "meta", meta)))
        return files
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
