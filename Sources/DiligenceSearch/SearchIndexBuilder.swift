import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport
import Foundation

/// Builds the client-side search index as static script files under
/// `search/`, loaded on demand by `static/search.js` through script elements
/// (so it works from `file://` and under `script-src 'self'`):
///
/// - `meta.js`: page count, language, the first term of each chunk (and
///   which chunks hold a single redirect), the initials that have a
///   vocabulary file.
/// - `i-<n>.js`: chunks of the inverted index, terms in sorted order. A
///   term is a stem key (Snowball's stem of the word, folded: `camera` for
///   `camera` and `cameras`; `SearchStemmer`) with its postings as
///   `docDelta,score,docDelta,score…` in base 36, or a redirect from a form
///   to its key (`cameras 6`, `SearchStemmer.redirectTerm`) with the pages
///   that have the form (`docDelta,…`). Scores are BM25F term weights
///   (per-field weights and length normalisation), precomputed per page;
///   the browser multiplies by the inverse document frequency, which it
///   knows from the posting list's length.
/// - `v-<hex>.js`: every form (and stem key) starting with one character,
///   for one-typo matching (loaded only when a long word has no exact match).
/// - `d/<name>.js`: one page's record (title, summary, sections) for results
///   and snippets; only the records of results shown are loaded. Names are
///   stable hashes of page ids (`SearchRecordNames`), so adding a page
///   renames no record; `n-<k>.js` lists them by number (`SearchNameTables`).
/// - `facets.js`: the pages of each filter value, for counts on the results page.
///
/// A page's number in the postings, facets and name tables is not its
/// place in page order but a slot from its record name (`SearchNumbering`),
/// so that a page added or removed does not move the others'.
package struct SearchIndexBuilder: Sendable {
    /// Field weights, in `SearchDocument.Field` order: title, headings,
    /// summary, list fields, body, labels.
    package static let weights: [Double] = [10, 4, 3, 2, 1, 3]
    // Larger than the usual 1.2 because field weights multiply term
    // frequencies: with 1.2 a title match saturates and ranks like a heading match.
    package static let k1 = 5.0
    package static let b = 0.75
    /// Chunks are cut when they pass this many bytes.
    package var chunkBytes: Int
    /// The language of the pages (a BCP 47 tag, `SearchLanguage`): "en" and
    /// "fr" are stemmed, French elisions dropped; nil: the site's `language`.
    package var language: String?

    /// The interface's words in that language (kinds, risk levels, filter names).
    package var strings: InterfaceStrings

    package init(chunkBytes: Int = 24_000, language: String? = nil, strings: InterfaceStrings = .english) {
        self.strings = strings
        self.chunkBytes = chunkBytes
        self.language = language
    }

    /// Builds the index, handing each file to `emit` (from several threads)
    /// as soon as it is ready; page records are written during tokenising.
    /// `termFilters`, when given, receives every page's summary, its term
    /// filter and score digest (a build that keeps a cache keeps them for
    /// the next patch). Returns the chunk files' names, in order.
    @discardableResult
    package func build(_ graph: SiteGraph, termFilters: ((SearchTermFilters) -> Void)? = nil,
                       describe: ((String, SearchIndexFiles.ChunkStart) -> Void)? = nil,
                       emit: @Sendable (OutputFile) -> Void) -> [String] {
        let pages = graph.pages
        let files = SearchIndexFiles(chunkBytes: chunkBytes, site: graph.site, language: language, strings: strings)
        let stemmer = SearchStemmer(language: files.language)
        let names = SearchRecordNames(pages.map(\.id))
        let numbering = SearchNumbering(names: names.names, groups: pages.map { SearchNumbering.group($0.id.kind, $0.page.details) })
        let numbers = numbering.numbers
        let titles = Dictionary(pages.map { ($0.id, $0.page.title) }, uniquingKeysWith: { a, _ in a })
        // Per page, in parallel: its record file, facets, and term → score.
        var documents = pages.indices.concurrentMap { i -> Tokenized? in
            let tokenized = Tokenized(SearchDocument(pages[i], site: graph.site, strings: strings) { titles[$0] }, stemmer: stemmer)
            emit(OutputFile(path: SearchRecordNames.recordPath(names.names[i]), contents: .bytes(tokenized.record)))
            return tokenized
        }
        // Inverted index: each term's postings, pages in increasing order,
        // in one array (term by term, as `starts` says): counted, then filled.
        let terms = stemmer.allTerms
        if let termFilters {
            let hashes = terms.concurrentMap(SearchTermFilter.hash), tokenized = documents
            let summaries = tokenized.indices.concurrentMap { i in
                SearchTermFilter.summary(tokenized[i]!.scores.map { (hashes[Int($0.term)], $0.score) })
            }
            var byNumber = [[UInt8]](repeating: [], count: numbering.count)
            for (i, summary) in summaries.enumerated() { byNumber[numbers[i]] = summary }
            termFilters(SearchTermFilters(filters: byNumber))
        }
        // The terms' order (string comparisons) on another core while the
        // postings are counted and filled, which take one.
        let sorting = BackgroundResult { terms.indices.sorted { SearchIndexFiles.precedes(terms[$0], terms[$1]) } }
        var starts = [Int](repeating: 0, count: terms.count + 1)
        for d in documents { for s in d!.scores { starts[Int(s.term) + 1] += 1 } }
        for t in terms.indices { starts[t + 1] += starts[t] }
        var next = starts
        var postings = [SearchPosting](repeating: SearchPosting(doc: 0, score: 0), count: starts[terms.count])
        var facets = [[String: [String]]?](repeating: nil, count: numbering.count)
        // In number order, so each term's postings come out ascending.
        let byNumber = documents.indices.sorted { numbers[$0] < numbers[$1] }
        for i in byNumber {
            let d = documents[i]!
            for s in d.scores {
                postings[next[Int(s.term)]] = SearchPosting(doc: Int32(numbers[i]), score: s.score)
                next[Int(s.term)] += 1
            }
            facets[numbers[i]] = d.facets
            documents[i] = nil
        }
        let order = sorting.value
        let filled = postings, bounds = starts
        // Encoded in parallel, a batch of terms at a time (not the whole
        // index at once), the next batch while the writer, on one core,
        // cuts the last one into chunks and writes them.
        let batches = stride(from: 0, to: order.count, by: 8192).map { $0..<min($0 + 8192, order.count) }
        let encode = { @Sendable (batch: Range<Int>) in
            order[batch].concurrentMap { id in
                SearchIndexFiles.Entry(term: terms[id], bytes: SharedBytes(SearchIndexFiles.encode(
                    term: terms[id], postings: filled[bounds[id]..<bounds[id + 1]])))
            }
        }
        var pending = batches.first.map { batch in BackgroundResult { encode(batch) } }
        var taken = 0
        let entries = AnyIterator<[SearchIndexFiles.Entry]> {
            guard let current = pending else { return nil }
            taken += 1
            pending = taken < batches.count ? BackgroundResult { [batch = batches[taken]] in encode(batch) } : nil
            return current.value
        }
        let tables = SearchNameTables(names.names, numbering: numbering)
        return files.write(entries: IteratorSequence(entries).lazy.joined(), names: tables,
                           facets: SearchFacets(facets, tables: tables.tables, site: graph.site, strings: strings),
                           describe: describe, emit: emit)
    }

    /// A term's score in one page: BM25F's saturated, length-normalised term
    /// frequency, quantised to 1…35 (one base-36 digit in the posting list,
    /// which keeps common words' lists small). It depends on this page alone:
    /// lengths are normalised against fixed reference lengths, not the site's average,
    /// and the inverse document frequency is applied by the browser from the
    /// length of the posting list — so editing one page changes only its own
    /// postings, which is what lets an incremental build patch the index.
    package static func score(_ counts: FieldCounts, lengths: [Int]) -> Int32 {
        var weighted = 0.0
        counts.forEach { f, count in
            let norm = 1 - b + b * Double(lengths[f]) / referenceLengths[f]
            weighted += weights[f] * Double(count) / norm
        }
        return Int32(max(1, (weighted / (k1 + weighted) * 35).rounded()))
    }

    /// Words per field in a typical page (title, headings, summary, list
    /// fields, body, labels): the lengths at which no normalisation applies.
    package static let referenceLengths: [Double] = [6, 20, 25, 150, 700, 12]

    /// A page's occurrences of a term in each field (saturating at 65,535).
    package struct FieldCounts {
        package var counts: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0)

        package mutating func add(_ field: Int) {
            switch field {
            case 0: counts.0 &+= counts.0 == .max ? 0 : 1
            case 1: counts.1 &+= counts.1 == .max ? 0 : 1
            case 2: counts.2 &+= counts.2 == .max ? 0 : 1
            case 3: counts.3 &+= counts.3 == .max ? 0 : 1
            case 4: counts.4 &+= counts.4 == .max ? 0 : 1
            default: counts.5 &+= counts.5 == .max ? 0 : 1
            }
        }

        /// Adds another word's occurrences (the forms of one stem), saturating.
        package mutating func add(_ other: FieldCounts) {
            func sum(_ a: UInt16, _ b: UInt16) -> UInt16 {
                let (result, overflow) = a.addingReportingOverflow(b)
                return overflow ? .max : result
            }
            let o = other.counts
            counts = (sum(counts.0, o.0), sum(counts.1, o.1), sum(counts.2, o.2),
                      sum(counts.3, o.3), sum(counts.4, o.4), sum(counts.5, o.5))
        }

        package func forEach(_ body: (Int, UInt16) -> Void) {
            if counts.0 > 0 { body(0, counts.0) }
            if counts.1 > 0 { body(1, counts.1) }
            if counts.2 > 0 { body(2, counts.2) }
            if counts.3 > 0 { body(3, counts.3) }
            if counts.4 > 0 { body(4, counts.4) }
            if counts.5 > 0 { body(5, counts.5) }
        }
    }

    /// One page, tokenised: what the merge needs, and its record file.
    package struct Tokenized: Sendable {
        /// A term (numbered by the stemmer) and its score in this page.
        package struct Score: Sendable {
            package var term: Int32
            package var score: Int32
        }

        /// The page's terms: stem keys (the postings of every form of a
        /// stem: `camera` for `camera` and `cameras`), and for each form
        /// whose key differs from it, the redirect term
        /// (`SearchStemmer.redirectTerm`, `cameras 6`), scored 0 (its
        /// postings list pages only). Each term once, in no order.
        package var scores: [Score]
        /// Emptied once written.
        package var record: [UInt8]
        package var facets: [String: [String]]
        /// What numbered the terms.
        package let stemmer: SearchStemmer

        package init(_ doc: SearchDocument, stemmer: SearchStemmer) {
            // Word (lower-cased, with its diacritics) → occurrences per field.
            var words = ByteKeyedTable<FieldCounts>()
            var folded: [Int: String] = [:]  // of the words that differ from their folded form
            var lengths = [Int](repeating: 0, count: SearchDocument.Field.allCases.count)
            let elide = stemmer.language.elides, stems = stemmer.stems
            for field in SearchDocument.Field.allCases {
                for text in doc.text[field] ?? [] {
                    TextFolding.forEachWordBytes(text, elide: elide, lowerCased: stems) { form, lower in
                        let word = lower ?? form, hash = ByteKeyedTable<FieldCounts>.hash(word)
                        let n: Int
                        if let known = words.find(word, hash: hash) {
                            n = known
                            words.values[n].add(field.rawValue)
                        } else {
                            var counts = FieldCounts()
                            counts.add(field.rawValue)
                            n = words.insert(word, hash: hash, value: counts)
                        }
                        if lower != nil { folded[n] = String(decoding: form, as: UTF8.self) }
                        lengths[field.rawValue] += 1
                    }
                }
            }
            let wordTerms = stemmer.terms(of: words, folded: folded)
            let counts = words.values
            var keys: [Int32: FieldCounts] = [:]
            keys.reserveCapacity(words.count)
            var redirects: [Int32] = []
            for (terms, count) in zip(wordTerms, counts) {
                keys[terms.key, default: FieldCounts()].add(count)
                if terms.redirect >= 0 { redirects.append(terms.redirect) }
            }
            // Two words can share a redirect (`café`, `cafe`); a redirect lists pages,
            // without scores (`SearchIndexFiles.hasScores`).
            redirects.sort()
            var scores: [Score] = []
            scores.reserveCapacity(keys.count + redirects.count)
            for (term, counts) in keys { scores.append(Score(term: term, score: SearchIndexBuilder.score(counts, lengths: lengths))) }
            for (k, term) in redirects.enumerated() where k == 0 || redirects[k - 1] != term { scores.append(Score(term: term, score: 0)) }
            self.scores = scores
            self.facets = doc.facets
            self.record = doc.record.script()
            self.stemmer = stemmer
        }

        /// The scores by term, for patching an index read back from its files.
        package var scoresByTerm: [(term: String, score: Int32)] {
            let terms = stemmer.allTerms
            return scores.map { (terms[Int($0.term)], $0.score) }
        }
    }
}
