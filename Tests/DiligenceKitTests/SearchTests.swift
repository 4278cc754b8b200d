@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceMarkdown
@testable import DiligencePublish
@testable import DiligenceRender
@testable import DiligenceSearch
@testable import DiligenceSupport
@testable import DiligenceTemplate
import Foundation
import XCTest

/// The search index: folding and word splitting (pinned by a fixture the
/// browser test checks against the JavaScript side too), ranking, sharding,
/// and data files that cannot break out of their script.
final class SearchTests: XCTestCase {
    func testFoldingMatchesTheSharedFixture() throws {
        let data = try Data(contentsOf: TestSite.fixtures.appendingPathComponent("folding.json"))
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[Any]])
        XCTAssertGreaterThan(cases.count, 10)
        for pair in cases {
            let input = try XCTUnwrap(pair[0] as? String)
            // A third element names the language: "fr" drops elisions.
            XCTAssertEqual(TextFolding.words(input, elide: pair.count > 2 && pair[2] as? String == "fr"), pair[1] as? [String], input)
        }
    }

    /// ASCII text takes byte-level shortcuts (words given in place, capitals
    /// lowered in one go, separators skipped): over 3,000 pseudo-random
    /// ASCII texts, the words are those of the plain rule — runs of letters
    /// and digits, lower-cased, an elided word dropped before `'` and a word.
    func testASCIIWordsFollowThePlainRule() {
        let pieces = ["a", "Z", "9", "q", "B", "l", "L", "qu", "d", " ", "'", "-", ".", "\n", "  ", "x'", "Abc", "DEF", "ghi"]
        var random = SeededGenerator(seed: 3)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0..<12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for elide in [false, true] {
                XCTAssertEqual(TextFolding.words(text, elide: elide), plainWords(text, elide: elide), "\(text.debugDescription) elide \(elide)")
            }
        }
    }

    /// A chunk file's terms read back as written (`entries(ofChunk:)`:
    /// those with no escape by the plain path, the others decoding every
    /// escape), and each term through the escaped path alone as well.
    func testChunkTermsReadBackAsWritten() throws {
        let pieces = ["a", "é", "z 3", "\"", "\\", "\n", "\u{1}", "𝄞", "ß", "q", "\u{FFFF}", " ", "o\u{308}"]
        var random = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let terms = (0..<Int.random(in: 1..<6, using: &random)).map { _ in
                (0..<Int.random(in: 1..<8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            var file = Array("DiligenceSearch.put(\"i-0\",{".utf8)
            for (k, term) in terms.enumerated() {
                if k > 0 { file.append(UInt8(ascii: ",")) }
                file += SearchIndexFiles.encode(term: term, postings: [SearchPosting(doc: 1, score: 2)])
            }
            file += Array("});\n".utf8)
            let entries = try XCTUnwrap(SearchIndexFiles.entries(ofChunk: SharedBytes(file)), "\(terms)")
            XCTAssertEqual(entries.map(\.term), terms)
            for term in terms {
                var json = JSONBytes(capacity: 16)
                json.string(term)
                var i = 1
                XCTAssertEqual(json.bytes.withUnsafeBufferPointer { SearchIndexFiles.escapedString($0, &i) }, term)
                XCTAssertEqual(i, json.bytes.count)
            }
        }
    }

    /// JSON strings come out the same with and without the eight-byte
    /// steps, wherever the bytes to escape fall; and a word is plain
    /// exactly when each of its bytes is.
    func testJSONStringsSkipPlainWordsExactly() {
        let pieces = ["abcdefgh", "x", "Quite plain text ", "\"", "\\", "<", ">", "&", "\n", "\u{1F}", "\u{7F}", "é", "\u{2028}", "\u{2029}",
                      "\u{2027}", "€", "𝄞", " ", "~", "!", "?", "\u{0}"]
        var random = SeededGenerator(seed: 11)
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0..<14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var fast = JSONBytes(), slow = JSONBytes()
            fast.appendString(text, wordAtATime: true)
            slow.appendString(text, wordAtATime: false)
            XCTAssertEqual(fast.bytes, slow.bytes, text.debugDescription)
        }
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x80 && !Array("\"\\<>&".utf8).contains(byte) }
        for _ in 0..<20000 {
            var lanes = (0..<8).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
            if Bool.random(using: &random) { lanes[Int.random(in: 0..<8, using: &random)] = UInt8.random(in: 0...255, using: &random) }
            let word = lanes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            XCTAssertEqual(JSONBytes.isPlain(word), lanes.allSatisfy(plain), "\(lanes)")
        }
    }

    private func plainWords(_ text: String, elide: Bool) -> [String] {
        let bytes = Array(text.utf8)
        func isWord(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        var words: [String] = []
        var i = 0
        while i < bytes.count {
            guard isWord(bytes[i]) else { i += 1; continue }
            var j = i
            while j < bytes.count, isWord(bytes[j]) { j += 1 }
            let word = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
            let elided = elide && j + 1 < bytes.count && bytes[j] == UInt8(ascii: "'") && isWord(bytes[j + 1])
                && TextFolding.elisions.contains(word)
            if !elided { words.append(word) }
            i = j
        }
        return words
    }

    /// The stem key of each word of `text`, as the index builder gives it.
    func keys(_ text: String, _ language: String) -> [String] {
        let stemmer = SearchStemmer(language: SearchLanguage(language))
        var words: [(lower: String, folded: String)] = []
        TextFolding.forEachWordForm(text, elide: stemmer.language.elides, lowerCased: stemmer.stems) { folded, lower in
            words.append((lower ?? folded, folded))
        }
        return stemmer.keys(words)
    }

    /// Lower-case ASCII words are given as they stand in the text; any other
    /// word is copied and folded: the two paths meet at word boundaries.
    func testWordsAcrossTheASCIIPathAndTheScalarPath() {
        XCTAssertEqual(TextFolding.words("abc déf ghi"), ["abc", "def", "ghi"])
        XCTAssertEqual(TextFolding.words("abcé x1Y 42-b"), ["abce", "x1y", "42", "b"])
        XCTAssertEqual(TextFolding.words("qu'il l'", elide: true), ["il", "l"])
        XCTAssertEqual(TextFolding.words("l'abc l’État", elide: true), ["abc", "etat"])
        var forms: [[String?]] = []
        TextFolding.forEachWordForm("sociétés Camera réseau", elide: true, lowerCased: true) { forms.append([$0, $1]) }
        XCTAssertEqual(forms, [["societes", "sociétés"], ["camera", nil], ["reseau", "réseau"]])
    }

    func testEnglishFormsOfAWordShareAStemKey() {
        XCTAssertEqual(keys("cameras camera Cameras", "en"), ["camera", "camera", "camera"])
        XCTAssertEqual(keys("licence licences licensing licensed", "en"), ["licenc", "licenc", "licens", "licens"])
        XCTAssertEqual(keys("recognition recognitions", "en"), ["recognit", "recognit"])
        XCTAssertEqual(keys("happy", "en"), ["happi"])
        // Any English tag is stemmed as English; a language without a stemmer is folded only.
        XCTAssertEqual(keys("cameras", "en-GB"), ["camera"])
        XCTAssertEqual(keys("Kameras cameras", "de"), ["kameras", "cameras"])
        XCTAssertFalse(SearchStemmer(language: SearchLanguage("de")).stems)
        // English does not drop French elisions.
        XCTAssertEqual(TextFolding.words("l'exportation"), ["l", "exportation"])
    }

    func testFrenchFoldsElisionsAndLigaturesAndStemsWithAccents() {
        // Elided articles and pronouns go; the word after the apostrophe stays.
        XCTAssertEqual(TextFolding.words("L'exportation d’armes jusqu'à lorsqu'il", elide: true), ["exportation", "armes", "a", "il"])
        XCTAssertEqual(keys("l'exportation", "fr"), keys("exportation", "fr"))
        XCTAssertEqual(keys("exportation exportations l’exportation", "fr"), ["export", "export", "export"])
        // œ and æ are folded to oe and ae, after stemming.
        XCTAssertEqual(TextFolding.words("Œuvre cœur"), ["oeuvre", "coeur"])
        XCTAssertEqual(keys("œuvre œuvres oeuvre Œuvres", "fr"), ["oeuvr", "oeuvr", "oeuvr", "oeuvr"])
        XCTAssertEqual(keys("reconnaissance reconnaissances faciale faciales", "fr"), ["reconnaiss", "reconnaiss", "facial", "facial"])
        // Stemmed with its accents (Snowball's French expects them), then folded.
        let stemmer = SearchStemmer(language: SearchLanguage("fr-CA"))
        XCTAssertTrue(stemmer.language.elides)
        XCTAssertEqual(stemmer.key(lower: "sociétés", folded: "societes"), "societ")
        XCTAssertEqual(keys("Sociétés société", "fr"), ["societ", "societ"])
    }

    func testRedirectTermsNameTheStemKeyByTheFormsPrefix() {
        XCTAssertEqual(SearchStemmer.redirectTerm(form: "cameras", key: "camera"), "cameras 6")
        XCTAssertEqual(SearchStemmer.redirectTerm(form: "happy", key: "happi"), "happy 4 i")
        XCTAssertEqual(SearchStemmer.redirectTerm(form: "heureuse", key: "heureux"), "heureuse 6 x")
        // Lengths in UTF-16 units, as JavaScript's slice counts them.
        XCTAssertEqual(SearchStemmer.redirectTerm(form: "𝒜bcs", key: "𝒜bc"), "𝒜bcs 4")
        XCTAssertEqual(SearchStemmer.form(ofTerm: "happy 4 i"), "happy")
        XCTAssertEqual(SearchStemmer.form(ofTerm: "camera"), "camera")
        XCTAssertEqual(SearchStemmer.form(ofTerm: "𝒜bcs 4"), "𝒜bcs")
        XCTAssertEqual(SearchStemmer.form(ofTerm: "e\u{301}tés 4 e"), "e\u{301}tés", "a combining accent stays with its letter")
        XCTAssertEqual(SearchStemmer.form(ofTerm: ""), "")
        XCTAssertFalse(SearchIndexFiles.hasScores("cameras 6"))
        XCTAssertTrue(SearchIndexFiles.hasScores("camera"))
    }

    /// Postings are stored per stem key; each form that differs from its key
    /// has a redirect listing its pages, next to it in the same chunk.
    func testPostingsArePerStemAndFormsRedirectToTheirStem() throws {
        let site = try TestSite(files: [
            "guidance/a.md": Pages.guidance(order: 1, body: "## Step\n\nOne thermal camera.\n"),
            "guidance/b.md": Pages.guidance(order: 2, body: "## Step\n\nTwo thermal cameras.\n"),
            "pages/links.md": "---\ntitle: Links\nsummary: Links.\n---\n[a](../guidance/a.md) [b](../guidance/b.md)\n",
        ])
        defer { site.remove() }
        let index = try BuiltIndex(site, chunkBytes: 200)
        let a = try index.doc("guidance/a.html"), b = try index.doc("guidance/b.html")
        XCTAssertEqual(Set(index.postings("camera").keys), [a, b])
        XCTAssertEqual(index.meta["l"] as? String, "en")
        let chunk = try XCTUnwrap(index.chunks.first { $0["cameras 6"] != nil }, "the redirect of cameras")
        XCTAssertEqual(chunk["cameras 6"], String(b, radix: 36), "a redirect lists its pages, without scores")
        XCTAssertNil(index.chunks.first { $0["cameras"] != nil }, "no postings under a form that is not a stem key")
        // The vocabulary lists forms (for typos), each once.
        let vocabulary = index.vocabulary["c"] ?? []
        XCTAssertTrue(vocabulary.contains("cameras") && vocabulary.contains("camera"), "\(vocabulary)")
        XCTAssertEqual(vocabulary.count, Set(vocabulary).count)
        XCTAssertFalse(vocabulary.contains { $0.contains(" ") })
    }

    /// A chunk's file is named by its first term, so that a chunk added
    /// before it leaves its file as it was; every name is a plain file name
    /// and no two terms share one.
    func testChunkNamesComeFromTheirFirstTermAndAreDistinct() {
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: "camera", number: 3), "i-camera")
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: "any 2 i", number: 3), "i-any_202_20i")
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: "état", number: 0), "i-_c3_a9tat")
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: "", number: 0), "i-")
        let long = String(repeating: "ab", count: 40)
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: long, number: 17), "i-" + String(long.prefix(40)) + "-17")
        XCTAssertEqual(SearchIndexFiles.chunkName(firstTerm: String(long.prefix(60)), number: 17), "i-" + String(long.prefix(60)))
        var random = SeededGenerator(seed: 11)
        let terms = Set((0..<3000).map { _ in
            String((0..<Int.random(in: 1...45, using: &random)).map { _ in "ab_-1 éΩ".randomElement(using: &random)! })
        }).sorted(by: SearchIndexFiles.precedes)
        let names = terms.enumerated().map { SearchIndexFiles.chunkName(firstTerm: $1, number: $0) }
        XCTAssertEqual(Set(names).count, terms.count, "two terms, one name")
        for name in names {
            XCTAssertTrue(name.utf8.count <= 62 + 5 && name.utf8.allSatisfy { ("a"..."z").contains(Character(Unicode.Scalar($0))) || ("0"..."9").contains(Character(Unicode.Scalar($0))) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }, name)
        }
    }

    /// The built index of a test site, decoded: chunks, meta and vocabulary.
    struct BuiltIndex {
        var meta: [String: Any]
        var chunks: [[String: String]]
        var vocabulary: [String: [String]]
        var output: String

        init(_ site: TestSite, chunkBytes: Int = 48_000) throws {
            var options = site.options
            options.searchChunkBytes = chunkBytes
            let report = SiteBuilder(options: options).build()
            XCTAssertNotNil(report.publishedBytes, "\(report.diagnostics)")
            output = site.output
            meta = try BuiltIndex.payload(site.outputText("search/meta.js")) as? [String: Any] ?? [:]
            let firstTerms = meta["c"] as? [String] ?? []
            chunks = try firstTerms.enumerated().map { i, term in
                let name = SearchIndexFiles.chunkName(firstTerm: term, number: i)
                return try BuiltIndex.payload(site.outputText("search/\(name).js")) as? [String: String] ?? [:]
            }
            vocabulary = [:]
            for initial in meta["v"] as? [String] ?? [] {
                let hex = String(initial.unicodeScalars.first!.value, radix: 16)
                let words = try BuiltIndex.payload(site.outputText("search/v-\(hex).js")) as? String ?? ""
                vocabulary[initial] = words.split(separator: " ").map(String.init)
            }
        }

        /// The first term of each chunk, in order, from an output folder's `search/meta.js`.
        static func firstTerms(output: String) throws -> [String] {
            let meta = try payload(String(contentsOfFile: output + "/search/meta.js", encoding: .utf8))
            return try XCTUnwrap((meta as? [String: Any])?["c"] as? [String])
        }

        /// The value of `DiligenceSearch.put("key", value);`.
        static func payload(_ script: String) throws -> Any {
            XCTAssertTrue((script.hasPrefix("DiligenceSearch.put(\"") || script.hasPrefix("DiligenceSearch.put(null,"))
                          && script.hasSuffix(");\n"), String(script.prefix(80)))
            let comma = try XCTUnwrap(script.firstIndex(of: ","))
            let json = script[script.index(after: comma)..<script.index(script.endIndex, offsetBy: -3)]
            return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        }

        /// The stem key a word leads to, as the browser finds it: a
        /// redirect's (`cameras 6` → camera), or the word itself.
        func stemKey(_ word: String) -> String {
            for chunk in chunks {
                for term in chunk.keys where SearchStemmer.form(ofTerm: term) == word && term != word {
                    let parts = term.split(separator: " ", omittingEmptySubsequences: false)
                    let kept = String(decoding: Array(parts[0].utf16.prefix(Int(parts[1])!)), as: UTF16.self)
                    return kept + (parts.count > 2 ? String(parts[2]) : "")
                }
            }
            return word
        }

        /// Page number → score for a word (through its stem key), as the
        /// browser computes it: the stored per-page score times the term's idf.
        func postings(_ word: String) -> [Int: Double] {
            let term = stemKey(word)
            guard let encoded = chunks.lazy.compactMap({ $0[term] }).first else { return [:] }
            let numbers = encoded.split(separator: ",").map { Int($0, radix: 36)! }
            let n = Double(meta["n"] as? Int ?? 0), df = Double(numbers.count / 2)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            var result: [Int: Double] = [:]
            var doc = 0
            for i in stride(from: 0, to: numbers.count, by: 2) {
                doc += numbers[i]
                result[doc] = Double(numbers[i + 1]) * idf
            }
            return result
        }

        /// The record file of page number `doc`, found as the browser finds
        /// it: its name from the table `n-<k>.js` that lists it.
        func recordPath(_ doc: Int) throws -> String {
            let sizes = try XCTUnwrap(meta["r"] as? [Int])
            let table = try XCTUnwrap(BuiltIndex.payload(String(contentsOfFile: output + "/search/n-\(doc / sizes[0]).js", encoding: .utf8)) as? String)
            let start = table.index(table.startIndex, offsetBy: (doc % sizes[0]) * sizes[1])
            return "search/d/\(table[start..<table.index(start, offsetBy: sizes[1])]).js"
        }

        /// A page's record, decoded.
        func record(_ doc: Int) throws -> [String: Any] {
            try XCTUnwrap(BuiltIndex.payload(String(contentsOfFile: output + "/" + recordPath(doc), encoding: .utf8)) as? [String: Any])
        }

        /// The numbers pages have (`SearchNumbering`), from the name
        /// tables: a number no page has is written `------`.
        func numbers() throws -> [Int] {
            let sizes = try XCTUnwrap(meta["r"] as? [Int])
            var numbers: [Int] = []
            let files = try FileManager.default.contentsOfDirectory(atPath: output + "/search").filter { $0.hasPrefix("n-") }
            for file in files {
                let k = try XCTUnwrap(Int(file.dropFirst(2).dropLast(3)))
                let table = try XCTUnwrap(BuiltIndex.payload(String(contentsOfFile: output + "/search/" + file, encoding: .utf8)) as? String)
                let names = Array(table)
                for i in 0..<(names.count / sizes[1]) where names[i * sizes[1]] != "-" { numbers.append(k * sizes[0] + i) }
            }
            return numbers.sorted()
        }

        /// Number of a page, from its record.
        func doc(_ url: String) throws -> Int {
            for i in try numbers() where try record(i)["u"] as? String == url { return i }
            XCTFail("no record for \(url)")
            return -1
        }
    }

    func testTitleOutranksBodyAndShortBeatsLong() throws {
        let filler = String(repeating: "Unrelated words about export paperwork and shipping. ", count: 60)
        let site = try TestSite(files: [
            "guidance/a.md": Pages.guidance(order: 1, body: "## Step\n\nA note on thermal cameras.\n\n\(filler)\n"),
            "guidance/b.md": "---\ntitle: Thermal cameras\nsummary: Cameras that see heat.\norder: 2\n---\n## Step\n\nText.\n",
            "guidance/c.md": Pages.guidance(order: 3, body: "## Step\n\nThermal cameras are covered here.\n"),
            "pages/links.md": "---\ntitle: Links\nsummary: Links.\n---\n[a](../guidance/a.md) [b](../guidance/b.md) [c](../guidance/c.md)\n",
        ])
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let scores = index.postings("thermal")
        let a = try index.doc("guidance/a.html"), b = try index.doc("guidance/b.html"), c = try index.doc("guidance/c.html")
        XCTAssertEqual(Set(scores.keys), [a, b, c])
        // Title match first; the same body mention ranks higher in a short page than in a long one.
        XCTAssertGreaterThan(scores[b]!, scores[c]!)
        XCTAssertGreaterThan(scores[c]!, scores[a]!)
        // In the same sentence, a word of one page weighs more than a word of
        // three (inverse document frequency).
        XCTAssertGreaterThan(index.postings("covered")[c] ?? 0, scores[c]!)
        // Diacritics and case are folded at indexing time.
        XCTAssertNil(index.chunks.first { $0["Thermal"] != nil })
    }

    func testShardsCoverEveryTermOnceInSortedRanges() throws {
        var files: [String: String] = [:]
        for i in 1...30 {
            files["guidance/s\(i).md"] = Pages.guidance(order: i, body: "## Part \(i)\n\nWord\(i)alpha word\(i)beta shared État Côte term\(i * 7)\n")
        }
        let site = try TestSite(files: files)
        defer { site.remove() }
        let index = try BuiltIndex(site, chunkBytes: 300)
        let firsts = try XCTUnwrap(index.meta["c"] as? [String])
        XCTAssertGreaterThan(index.chunks.count, 5, "small chunk size gives many chunks")
        XCTAssertEqual(firsts.count, index.chunks.count)
        var all: [String] = []
        for (i, chunk) in index.chunks.enumerated() {
            let terms = chunk.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            XCTAssertEqual(terms.first, firsts[i], "meta names the first term of chunk \(i)")
            if i + 1 < firsts.count { XCTAssertTrue(terms.allSatisfy { $0.utf16.lexicographicallyPrecedes(firsts[i + 1].utf16) }) }
            all += terms
        }
        XCTAssertEqual(all.count, Set(all).count, "no term in two chunks")
        XCTAssertTrue(all.contains("etat") && all.contains("cote") && all.contains("word7alpha"))
        // Every term's form is in the vocabulary file of its initial, for typo matching.
        let vocabulary = Set(index.vocabulary.values.joined())
        XCTAssertEqual(vocabulary, Set(all.map { String(SearchStemmer.form(ofTerm: $0)) }))
        XCTAssertTrue(all.contains("shared 5") && all.contains("share"), "the redirect of shared to share")
        // A form's terms (its stem key, its redirects) are never split between chunks.
        for (i, first) in firsts.enumerated() where i > 0 {
            XCTAssertFalse(index.chunks[i - 1].keys.contains { SearchStemmer.form(ofTerm: $0) == SearchStemmer.form(ofTerm: first) }, first)
        }
        XCTAssertEqual(index.vocabulary["w"]?.contains("word12beta"), true)
        // A page's postings: every page has "shared" once, with increasing page numbers.
        XCTAssertEqual(index.postings("shared").count, 30)
    }

    func testSmallSiteUsesOneChunkAndRecordsCarrySections() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let index = try BuiltIndex(site)
        XCTAssertEqual(index.chunks.count, 1)
        let cn = try index.doc("countries/cn.html")
        let record = try index.record(cn)
        XCTAssertEqual(record["t"] as? String, "China")
        XCTAssertEqual(record["k"] as? String, "Country profile")
        XCTAssertEqual(record["r"] as? String, "High")
        let sections = try XCTUnwrap(record["x"] as? [[String]])
        XCTAssertTrue(sections.contains { $0[0] == "risk-basis" && $0[1] == "Risk basis" && $0[2].contains("Xinjiang") })
        // Facets: China is in its region and risk level.
        let facets = try XCTUnwrap(BuiltIndex.payload(site.outputText("search/facets.js")) as? [String: Any])
        let dims = try XCTUnwrap(facets["dims"] as? [[String: Any]])
        XCTAssertEqual(dims.compactMap { $0["id"] as? String }, ["kind", "region", "risk", "category", "regime"])
        let region = try XCTUnwrap(dims.first { $0["id"] as? String == "region" }?["values"] as? [[String: Any]])
        let eastAsia = try XCTUnwrap(region.first { $0["id"] as? String == "east-asia-pacific" })
        XCTAssertEqual(eastAsia["docs"] as? String, String(cn, radix: 36))
    }

    /// A product lists each regime it names once in the filters, however
    /// often and in whatever order its controls name them.
    func testRegimeNamedTwiceFiltersThePageOnce() throws {
        let controls = "controls:\n  - regime: echri\n    entry: A\n  - regime: wassenaar\n    entry: B\n  - regime: echri\n    entry: C\n"
        let site = try TestSite(files: ["products/face.md": Pages.product(extra: controls).replacingOccurrences(of: "risk: medium", with: "risk: high")])
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let face = try index.doc("products/face.html")
        let facets = try XCTUnwrap(BuiltIndex.payload(site.outputText("search/facets.js")) as? [String: Any])
        let dims = try XCTUnwrap(facets["dims"] as? [[String: Any]])
        let regime = try XCTUnwrap(dims.first { $0["id"] as? String == "regime" }?["values"] as? [[String: Any]])
        for id in ["echri", "wassenaar"] {
            let value = try XCTUnwrap(regime.first { $0["id"] as? String == id }, id)
            XCTAssertEqual(value["docs"] as? String, String(face, radix: 36), id)
        }
        XCTAssertEqual(SearchDocument.facets(.product, try XCTUnwrap(Self.details(of: "products/face.md", in: site)))["regime"],
                       ["echri", "wassenaar"])
    }

    /// A page's details as the build decodes them.
    private static func details(of path: String, in site: TestSite) -> PageDetails? {
        let text = try? String(contentsOfFile: site.content + "/" + path, encoding: .utf8)
        let file = SourceFile(relativePath: path, displayPath: path, bytes: Array((text ?? "").utf8))
        let yaml = SourceFile(relativePath: "site.yml", displayPath: "site.yml", bytes: Array(TestSite.siteYAML.utf8))
        guard let config = SiteConfigDecoder.decode(yaml, log: DiagnosticLog()) else { return nil }
        return PageDecoder(site: config, today: TestSite.today).decode(file, log: DiagnosticLog())?.details
    }

    /// List items are inline Markdown: a result's snippet shows their text,
    /// not the link syntax ("([source 2](#source-2))").
    func testListItemsAreIndexedAsTheTextReadersSee() throws {
        let site = try TestSite(files: [
            "products/face.md": Pages.product(extra: "red_flags:\n  - The buyer asks for **covert** use ([source 1](#source-1)).\n"),
        ])
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let record = try index.record(try index.doc("products/face.html"))
        let sections = try XCTUnwrap(record["x"] as? [[String]])
        let lists = try XCTUnwrap(sections.last?[2])
        XCTAssertTrue(lists.contains("The buyer asks for covert use (source 1)."), lists)
        XCTAssertFalse(lists.contains("](") || lists.contains("**"), lists)
    }

    /// Names are published file names: the hand-written base 36 must give
    /// what `String(_:radix:)` zero-padded gave before it.
    func testRecordNamesAreSixBase36DigitsAsStringRadixGivesThem() {
        var generator = SystemRandomNumberGenerator()
        let values: [UInt64] = [0, 1, 35, 36, 1_295, 1_296, 2_176_782_335] + (0..<5_000).map { _ in UInt64.random(in: 0..<2_176_782_336, using: &generator) }
        for value in values {
            var expected = String(value, radix: 36)
            while expected.count < SearchRecordNames.length { expected = "0" + expected }
            XCTAssertEqual(SearchRecordNames.base36(value), expected)
        }
    }

    func testRecordNamesAreStableHashesListedByNumber() throws {
        let a = PageID(.page, "page-2145"), b = PageID(.page, "page-73391"), c = PageID(.country, "cn")
        // The two pages' ids hash to the same name: the first in order keeps it.
        XCTAssertEqual(SearchRecordNames([a, b]).names, ["66ldse", "jzbqw6"])
        XCTAssertEqual(SearchRecordNames([b]).names, ["66ldse"])
        // Otherwise a page's name does not depend on the others.
        XCTAssertEqual(SearchRecordNames([c]).names[0], SearchRecordNames([a, c]).names[1])
        // The browser's path from a page's number to its record.
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let count = try XCTUnwrap(index.meta["n"] as? Int)
        XCTAssertEqual(index.meta["r"] as? [Int], [64, 6])
        XCTAssertEqual(try index.numbers().count, count)
        let paths = try index.numbers().map { try index.recordPath($0) }
        XCTAssertEqual(Set(paths).count, count)
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: site.output + "/search/d").map { "search/d/" + $0 }),
                       Set(paths))
        XCTAssertEqual(try index.record(index.doc("countries/cn.html"))["t"] as? String, "China")
    }

    /// The byte-level renumbering of an incremental build gives the bytes of
    /// decoding, renumbering and encoding again — on random lists, with
    /// pages added, removed and changed anywhere.
    /// A vocabulary file is written on bytes as `ScriptData.call` writes it
    /// through `JSONEncoder`: the same escapes for what forms can hold.
    func testVocabularyFilesAreWhatScriptDataWrites() {
        let words = ["camera", "caméra", "état", "a<b", "x>y&z", "quote\"d", "back\\slash", "line\u{2028}sep", "日本", "œuvre"]
        for count in [0, 1, words.count] {
            let list = Array(words.prefix(count))
            XCTAssertEqual(String(decoding: SearchIndexFiles.vocabularyFile("v-63", list), as: UTF8.self),
                           ScriptData.call("DiligenceSearch.put", "v-63", list.joined(separator: " ")))
        }
    }

    func testRenumberingPostingsOnTheirBytesEqualsEncodingThemAgain() {
        var random = SystemRandomNumberGenerator()
        var changedLists = 0, emptied = 0
        for _ in 0..<300 {
            let oldCount = Int.random(in: 1...60, using: &random)
            // Old pages kept, removed, or changed (dropped but kept); new pages inserted anywhere.
            var renumbered = [Int?](repeating: nil, count: oldCount)
            var dropped = [Bool](repeating: false, count: oldCount)
            var next = 0
            for old in 0..<oldCount {
                while Int.random(in: 0..<8, using: &random) == 0 { next += 1 }  // a page added here
                switch Int.random(in: 0..<10, using: &random) {
                case 0: dropped[old] = true  // removed
                case 1: renumbered[old] = next; dropped[old] = true; next += 1  // changed
                default: renumbered[old] = next; next += 1
                }
            }
            let renumbering = SearchRenumbering(renumbered: renumbered, dropped: dropped)
            // The lists of one chunk, renumbered into one buffer, as the patch does.
            var buffer: [UInt8] = []
            for _ in 0..<10 {
                let docs = (0..<oldCount).filter { _ in Bool.random(using: &random) }
                guard !docs.isEmpty else { continue }
                let postings = docs.map { SearchPosting(doc: Int32($0), score: Int32.random(in: 1...35, using: &random)) }
                // As read back from a chunk file: a slice of the file's bytes, after other entries.
                // A stem key's postings (with scores) or a redirect's (pages only).
                // Terms hold what JSON escapes, and colons (found after the term, not before the postings).
                let term = Bool.random(using: &random) ? "t\":\\é" : "té:s 2"
                let file = Array("{\"other\":\"1,2\",".utf8) + SearchIndexFiles.encode(term: term, postings: postings) + Array("}".utf8)
                let entry = SearchIndexFiles.Entry(term: term, bytes: SharedBytes(file[15..<(file.count - 1)]))
                let expected = postings.compactMap { p -> SearchPosting? in
                    dropped[Int(p.doc)] ? nil : renumbered[Int(p.doc)].map { SearchPosting(doc: Int32($0), score: p.score) }
                }
                switch renumbering.apply(entry) {
                case .unchanged?:
                    XCTAssertEqual(expected.map(\.doc), postings.map(\.doc), "unchanged, but pages moved: \(renumbered) \(dropped)")
                case .changed(let bytes)?:
                    changedLists += 1
                    XCTAssertEqual(String(decoding: bytes, as: UTF8.self),
                                   String(decoding: SearchIndexFiles.encode(term: entry.term, postings: expected), as: UTF8.self),
                                   "\(String(decoding: entry.bytes.array, as: UTF8.self)) with \(renumbered) \(dropped)")
                case .empty?:
                    emptied += 1
                    XCTAssertEqual(expected.count, 0)
                case nil:
                    XCTFail("a valid list read as damaged")
                }
                let before = buffer.count
                switch (renumbering.apply(entry, appendingTo: &buffer), renumbering.apply(entry)) {
                case (.changed(let range)?, .changed(let bytes)?):
                    XCTAssertEqual(range.lowerBound, before)
                    XCTAssertEqual(Array(buffer[range]), bytes, "the same bytes, after the lists before it")
                case (.unchanged?, .unchanged?), (.empty?, .empty?):
                    XCTAssertEqual(buffer.count, before, "nothing left in the buffer")
                default:
                    XCTFail("the buffer's outcome differs from the array's")
                }
            }
        }
        XCTAssertGreaterThan(changedLists, 100)
        XCTAssertGreaterThan(emptied, 0)
        // A page number past the end is a damaged index.
        let damaged = SearchIndexFiles.Entry(term: "x", bytes: SharedBytes(SearchIndexFiles.encode(term: "x", postings: [.init(doc: 5, score: 1)])))
        XCTAssertNil(SearchRenumbering(renumbered: [0, 1], dropped: [true, false]).apply(damaged))
    }

    /// Inserting a changed page's postings on the bytes gives what encoding
    /// the merged list gives, wherever they fall (before, between, after the
    /// others; into an empty list); a page already in the list is refused.
    func testInsertingPostingsOnTheirBytesEqualsEncodingTheMerge() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let pages = Int.random(in: 1...300, using: &random)
            var inList: [SearchPosting] = [], added: [SearchPosting] = []
            for doc in 0..<pages {
                switch Int.random(in: 0..<6, using: &random) {
                case 0, 1: inList.append(.init(doc: Int32(doc), score: Int32.random(in: 1...35, using: &random)))
                case 2: added.append(.init(doc: Int32(doc), score: Int32.random(in: 1...35, using: &random)))
                default: break
                }
            }
            // As read back from a chunk file: a slice after another entry.
            // A stem key's postings (with scores) or a redirect's (pages only).
            let term = Bool.random(using: &random) ? "t:\"ér" : "t:érs 3"
            let file = Array("{\"a\":\"0,1\",".utf8) + SearchIndexFiles.encode(term: term, postings: inList) + Array("}".utf8)
            let entry: SharedBytes? = inList.isEmpty ? nil : SharedBytes(file[11..<(file.count - 1)])
            let merged = SearchPostingInsertion.insert(added, into: entry, term: term)
            let expected = SearchIndexFiles.encode(term: term, postings: (inList + added).sorted { $0.doc < $1.doc })
            XCTAssertEqual(merged.map { String(decoding: $0, as: UTF8.self) }, String(decoding: expected, as: UTF8.self),
                           "\(inList) + \(added)")
        }
        let list = SearchIndexFiles.encode(term: "x", postings: [.init(doc: 3, score: 1), .init(doc: 9, score: 2)])
        XCTAssertNil(SearchPostingInsertion.insert([.init(doc: 9, score: 5)], into: SharedBytes(list), term: "x"), "page 9 is there already")
        XCTAssertNil(SearchPostingInsertion.insert([.init(doc: 4, score: 5)], into: SharedBytes(Array("\"x\":\"3,1,!,2\"".utf8)), term: "x"))
        let pages = SearchIndexFiles.encode(term: "xs 1", postings: [.init(doc: 3, score: 0), .init(doc: 9, score: 0)])
        XCTAssertEqual(String(decoding: pages, as: UTF8.self), "\"xs 1\":\"3,6\"")
        XCTAssertEqual(SearchIndexFiles.postings(of: .init(term: "xs 1", bytes: SharedBytes(pages))).map(\.doc), [3, 9])
        XCTAssertNil(SearchPostingInsertion.insert([.init(doc: 9, score: 0)], into: SharedBytes(pages), term: "xs 1"), "page 9 is there already")
    }

    func testIndexDataCannotBreakOutOfItsScript() throws {
        let hostile = "Closing </script><script>alert(1)</script> and <!-- and \u{2028} end"
        let site = try TestSite(files: [
            "guidance/a.md": "---\ntitle: \(ScriptDataYAML.quoted(hostile))\nsummary: \(ScriptDataYAML.quoted(hostile))\norder: 1\n---\n## Step\n\n`\(hostile)`\n",
        ])
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let enumerator = FileManager.default.enumerator(atPath: site.output + "/search")
        var checked = 0
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".js") else { continue }
            let text = try site.outputText("search/" + file)
            for forbidden in ["</script", "<script", "<!--", "\u{2028}"] {
                XCTAssertFalse(text.contains(forbidden), "\(file) contains \(forbidden.debugDescription)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 3)
        XCTAssertEqual(try index.record(try XCTUnwrap(index.numbers().first))["t"] as? String, hostile)
    }

    /// The labels a page shows are searchable: "eurasia" finds the countries
    /// of the region "Europe and Eurasia" (and no other), a product is found
    /// by the names of the countries it lists and its category's label, a
    /// country by the products it lists.
    func testLabelsAndListedNamesAreSearchable() throws {
        let yaml = TestSite.siteYAML.replacingOccurrences(of: "  near-east: Near East\n", with: "  near-east: Near East\n  europe-eurasia: Europe and Eurasia\n")
        func european(_ code: String, _ name: String, extra: String = "") -> String {
            Pages.country(code: code, name: name, extra: extra).replacingOccurrences(of: "region: east-asia-pacific", with: "region: europe-eurasia")
        }
        let site = try TestSite(files: [
            "countries/de.md": european("DE", "Germany", extra: "products:\n  - face\n"),
            "countries/fr.md": european("FR", "France"),
            "countries/cn.md": Pages.country(),
            "products/face.md": Pages.product(extra: "countries:\n  - DE\n"),
        ], site: yaml)
        defer { site.remove() }
        let index = try BuiltIndex(site)
        let de = try index.doc("countries/de.html"), fr = try index.doc("countries/fr.html")
        let cn = try index.doc("countries/cn.html"), face = try index.doc("products/face.html")
        XCTAssertEqual(Set(index.postings("eurasia").keys), [de, fr], "the region's label finds its countries, and only them")
        XCTAssertEqual(Set(index.postings("pacific").keys), [cn])
        XCTAssertTrue(index.postings("germany").keys.contains(face), "a product is found by the countries it lists")
        XCTAssertTrue(index.postings("face").keys.contains(de), "a country is found by the products it lists")
        XCTAssertTrue(index.postings("identification").keys.contains(face), "a product is found by its category's label")
        XCTAssertTrue(index.postings("medium").keys.contains(face), "and by its risk level")
        // A label weighs as a summary word: more than a word in the body.
        XCTAssertEqual(SearchIndexBuilder.weights[SearchDocument.Field.labels.rawValue], SearchIndexBuilder.weights[SearchDocument.Field.summary.rawValue])
        // The snippet can show (and highlight) the label.
        let sections = try XCTUnwrap(index.record(de)["x"] as? [[String]])
        XCTAssertTrue(sections.last?[2].contains("Europe and Eurasia") == true, "\(sections)")
    }

    /// Without JavaScript, search.html explains and links to the indexes
    /// (a few kilobytes), instead of listing every page (3 MB at 10,000).
    func testSearchFallbackLinksTheIndexesNotEveryPage() throws {
        var files: [String: String] = [:]
        for i in 0..<300 { files["products/p\(i).md"] = Pages.product().replacingOccurrences(of: "title: Face recognition", with: "title: Product \(i)") }
        let site = try TestSite(files: files)
        defer { site.remove() }
        _ = try BuiltIndex(site)
        let html = try site.outputText("search.html")
        XCTAssertLessThan(html.utf8.count, 12_000, "search.html does not grow with the site")
        XCTAssertFalse(html.contains("products/p1.html"), "no link to each page")
        for index in ["products/index.html", "regions/index.html", "risk-levels/index.html", "categories/index.html", "regimes/index.html"] {
            XCTAssertTrue(html.contains("href=\"\(index)\""), index)
        }
        XCTAssertTrue(html.contains("300 pages"), "each kind's index says how many pages it has")
    }

    /// Facet values are written in the shortest of three forms; each decodes
    /// (as search.js does) to the same pages.
    func testFacetEncodingsDecodeToTheirPages() {
        func decode(_ encoded: String) -> [Int] {
            if encoded.hasPrefix("+") {
                let n = encoded.dropFirst().split(separator: ",").map { Int($0, radix: 36)! }
                var pages: [Int] = [], doc = 0
                for k in stride(from: 0, to: n.count, by: 2) {
                    doc += n[k]
                    pages += doc..<(doc + n[k + 1])
                    doc += n[k + 1]
                }
                return pages
            }
            if encoded.hasPrefix("!") {
                let parts = encoded.dropFirst().split(separator: ":")
                let start = Int(parts[0], radix: 36)!
                return parts[1].enumerated().flatMap { i, digit -> [Int] in
                    let bits = Int(String(digit), radix: 32)!
                    return (0..<5).filter { bits & (16 >> $0) != 0 }.map { start + i * 5 + $0 }
                }
            }
            var doc = 0
            return encoded.split(separator: ",").map { doc += Int($0, radix: 36)!; return doc }
        }
        var generator = SystemRandomNumberGenerator()
        let range = Array(100..<9_000)
        let sparse = [3, 500, 7_000]
        let sixth = (0..<9_000).filter { _ in Int.random(in: 0..<6, using: &generator) == 0 }
        let mostly = (0..<9_000).filter { $0 % 97 != 0 }
        XCTAssertTrue(SearchFacets.encode(range).hasPrefix("+"), "a range is one run")
        XCTAssertLessThan(SearchFacets.encode(range).count, 10)
        XCTAssertEqual(SearchFacets.encode(sparse), "3,dt,50k")
        XCTAssertTrue(SearchFacets.encode(sixth).hasPrefix("!"), "one page in six: a bitmap")
        XCTAssertLessThan(SearchFacets.encode(sixth).count, 1_900)
        for pages in [range, sparse, sixth, mostly, [0], [35, 36]] {
            XCTAssertEqual(decode(SearchFacets.encode(pages)), pages)
        }
    }

    /// Pages are numbered by a slot from their record name in a table of
    /// their kind (a product: of its category), tables in a fixed order:
    /// adding or removing a page moves few others, whatever its place in
    /// page order; a table past half full doubles.
    func testSearchNumbersMoveFewPagesWhenOneIsAdded() throws {
        var generator = SeededGenerator(seed: 11)
        let ids = (0..<3_000).map { PageID(.product, "product-\($0)") } + (0..<200).map { PageID(.guidance, "step-\($0)") }
        let categories = ["sensors", "biometrics", "spyware"]
        // A product's table is its kind's and its category's (what
        // `SearchNumbering.group` gives for its details).
        func groups(_ ids: [PageID]) -> [SearchNumbering.Group] {
            ids.map { id in
                var group = SearchNumbering.group(id.kind, .page)
                if id.kind == .product { group.category = categories[id.slug.count % 3] }
                return group
            }
        }
        let names = SearchRecordNames(ids).names
        let numbering = SearchNumbering(names: names, groups: groups(ids))
        // Guidance (the first kind) first, then the products' categories by id.
        XCTAssertLessThan(SearchNumbering.group(.guidance, .page), SearchNumbering.group(.product, .page))
        XCTAssertEqual(numbering.tables.first, 0..<512, "200 guidance steps: 512 slots (256 would be more than half full)")
        XCTAssertEqual(numbering.tables.count, 1 + Set(ids.filter { $0.kind == .product }.map { $0.slug.count % 3 }).count)
        XCTAssertEqual(Set(numbering.numbers).count, ids.count, "one number each")
        let sorted = Array(Set(groups(ids))).sorted()
        for (page, number) in numbering.numbers.enumerated() {
            let table = try XCTUnwrap(numbering.tables.firstIndex { $0.contains(number) })
            XCTAssertEqual(sorted[table], groups([ids[page]])[0], "each page in its group's table, tables in the groups' order")
        }
        // Pages added anywhere in page order, one at a time: the others keep their numbers but a few.
        var moved: [Int] = []
        for _ in 0..<50 {
            let added = PageID(.product, "added-\(Int.random(in: 0..<1_000_000, using: &generator))")
            var more = ids
            let at = Int.random(in: 0...3_000, using: &generator)
            more.insert(added, at: at)
            let again = SearchNumbering(names: SearchRecordNames(more).names, groups: groups(more))
            guard again.tables == numbering.tables else { continue }
            var before: [PageID: Int] = [:], after: [PageID: Int] = [:]
            for (i, id) in ids.enumerated() { before[id] = numbering.numbers[i] }
            for (i, id) in more.enumerated() { after[id] = again.numbers[i] }
            moved.append(ids.filter { before[$0] != after[$0] }.count)
        }
        XCTAssertGreaterThan(moved.count, 40)
        XCTAssertLessThanOrEqual(moved.sorted()[moved.count / 2], 1, "median pages moved: \(moved.sorted())")
        XCTAssertLessThan(moved.max() ?? 0, 8, "\(moved.sorted())")
        // Past half of 512, the guidance table doubles: every later table moves.
        let steps = (0..<257).map { PageID(.guidance, "step-\($0)") }
        XCTAssertEqual(SearchNumbering(names: SearchRecordNames(steps).names, groups: groups(steps)).tables, [0..<1_024])
        XCTAssertEqual(SearchNumbering(names: SearchRecordNames(Array(steps.prefix(256))).names,
                                       groups: groups(Array(steps.prefix(256)))).tables, [0..<512])
    }

    /// The name tables list names by number, a free number as `------`,
    /// and are written only where a page is; a patch names a table with the
    /// same names as before as unchanged. A filter value that fills whole
    /// tables is their ranges (`~`), and only then.
    func testNameTablesAndTableRangesFollowTheNumbering() throws {
        let ids = (0..<10).map { PageID(.guidance, "s\($0)") } + (0..<5).map { PageID(.page, "p\($0)") }
        let names = SearchRecordNames(ids).names
        let groups = ids.map { SearchNumbering.group($0.kind, .page) }
        let numbering = SearchNumbering(names: names, groups: groups)
        XCTAssertEqual(numbering.tables, [0..<64, 64..<128])
        let tables = SearchNameTables(names, numbering: numbering)
        XCTAssertEqual(tables.pageCount, 15)
        var written: [OutputFile] = []
        tables.tables { written.append($0) }
        XCTAssertEqual(written.map(\.path), ["search/n-0.js", "search/n-1.js"])
        guard case .bytes(let bytes)? = written.first?.contents else { return XCTFail("a table's bytes") }
        let first = String(decoding: bytes, as: UTF8.self)
        XCTAssertEqual(first.components(separatedBy: "------").count - 1, 54, "54 free numbers of 64 in the first table")
        for (page, number) in numbering.numbers.enumerated() where number < 64 {
            XCTAssertTrue(first.contains(names[page]))
        }
        var unchanged: [String] = []
        written = []
        tables.tables(keeping: tables, unchanged: { unchanged.append($0) }) { written.append($0) }
        XCTAssertEqual(unchanged, ["search/n-0.js", "search/n-1.js"])
        XCTAssertTrue(written.isEmpty)

        let taken = numbering.tables.map { table in numbering.numbers.filter { table.contains($0) }.count }
        let guidance = numbering.numbers.prefix(10).sorted(), pages = numbering.numbers.suffix(5).sorted()
        XCTAssertEqual(SearchFacets.encodeTables(guidance, tables: numbering.tables, taken: taken), "~0,1s")
        XCTAssertEqual(SearchFacets.encodeTables(pages, tables: numbering.tables, taken: taken), "~1s,1s")
        XCTAssertEqual(SearchFacets.encodeTables((guidance + pages).sorted(), tables: numbering.tables, taken: taken), "~0,3k",
                       "two tables side by side: one range")
        XCTAssertNil(SearchFacets.encodeTables(Array(guidance.dropFirst()), tables: numbering.tables, taken: taken),
                     "a table part-filled")
        // In facets.js, the kinds are ranges; search.js reads them.
        let site = SiteConfig(title: "T", description: "D", language: "en", baseURL: nil, reviewIntervalMonths: 12,
                              riskLevels: Vocabulary([]), regions: Vocabulary([]), categories: Vocabulary([]),
                              factors: Vocabulary([]), regimes: Vocabulary([]))
        var docs = [[String: [String]]?](repeating: nil, count: numbering.count)
        for (page, number) in numbering.numbers.enumerated() { docs[number] = ["kind": [ids[page].kind.rawValue]] }
        let kind = try XCTUnwrap(SearchFacets(docs, tables: numbering.tables, site: site).dims.first { $0.id == "kind" })
        XCTAssertEqual(kind.values.map(\.docs), ["~0,1s", "~1s,1s"])
    }

    /// A filter where a page has one value at most may be written page by
    /// page; it decodes (as search.js does) to each value's pages, and is
    /// chosen only where it is shorter.
    func testAFilterWithOneValuePerPageIsWrittenPageByPage() throws {
        func decode(_ each: String, values: Int) -> [[Int]] {
            let parts = each.split(separator: ":")
            let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_")
            var page = Int(parts[0], radix: 36)!, pages = [[Int]](repeating: [], count: values)
            let per = Int(parts[1])!
            for digit in parts[2] {
                var code = alphabet.firstIndex(of: digit)!
                for k in (0..<per).reversed() {
                    let value = code % (values + 1)
                    code /= values + 1
                    if value > 0 { pages[value - 1].append(page + k) }
                }
                page += per
            }
            return pages.map { $0.sorted() }
        }
        var generator = SystemRandomNumberGenerator()
        // Six categories over 9,000 products from page 500, a few with none.
        var categories = [[Int]](repeating: [], count: 6)
        for page in 500..<9_500 where page % 50 != 0 { categories[Int.random(in: 0..<6, using: &generator)].append(page) }
        let each = try XCTUnwrap(SearchFacets.encodeEach(categories))
        XCTAssertTrue(each.hasPrefix("dx:2:"), "from page 501 (500 has none), two pages per digit: \(each.prefix(10))")
        XCTAssertEqual(decode(each, values: 6), categories)
        XCTAssertLessThan(each.utf8.count, 4_600)
        XCTAssertGreaterThan(categories.map { SearchFacets.encode($0).utf8.count }.reduce(0, +), 10_000, "six bitmaps are longer")
        // Two values: five pages per digit (3^3 = 27 ≤ 64 < 81 is three).
        XCTAssertEqual(decode(try XCTUnwrap(SearchFacets.encodeEach([[0, 2], [1, 7]])), values: 2), [[0, 2], [1, 7]])
        XCTAssertNil(SearchFacets.encodeEach([[1, 2], [2, 3]]), "a page with two values")
        XCTAssertNil(SearchFacets.encodeEach([[], []]))
        // In facets.js: the filter carries `each` and its values empty page lists, where shorter.
        let names = ["sensors", "biometrics", "analytics", "spyware"]
        func vocabulary(_ ids: [String]) -> Vocabulary { Vocabulary(ids.map { .init(id: $0, label: $0.capitalized) }) }
        let site = SiteConfig(title: "T", description: "D", language: "en", baseURL: nil, reviewIntervalMonths: 12,
                              riskLevels: vocabulary(["high"]), regions: vocabulary(["africa"]), categories: vocabulary(names),
                              factors: vocabulary(["f"]), regimes: vocabulary(["wassenaar"]))
        let docs: [[String: [String]]] = (0..<600).map { ["kind": ["product"], "category": [names[($0 * 7 + $0 / 3) % 4]]] }
        let facets = SearchFacets(docs, site: site)
        let category = try XCTUnwrap(facets.dims.first { $0.id == "category" })
        let categoryEach = try XCTUnwrap(category.each)
        XCTAssertTrue(category.values.allSatisfy { $0.docs.isEmpty })
        XCTAssertEqual(decode(categoryEach, values: category.values.count).map(\.count).reduce(0, +), 600)
        XCTAssertNil(facets.dims.first { $0.id == "kind" }?.each, "one run is shorter")
    }

    /// A patch reads the last `facets.js` back instead of working out every
    /// page's filter values again: read back, it gives the same facets, and
    /// patched (pages removed, edited, moved to another number, added) it
    /// gives what the pages now give, in every form a list is written in.
    func testFacetsReadBackAndPatchedAreThoseOfThePagesNow() throws {
        var generator = SeededGenerator(seed: 5)
        func vocabulary(_ ids: [String]) -> Vocabulary { Vocabulary(ids.map { .init(id: $0, label: $0.capitalized) }) }
        let categories = ["sensors", "biometrics", "analytics", "spyware"], regions = ["africa", "europe", "asia"]
        let site = SiteConfig(title: "T", description: "D", language: "en", baseURL: nil, reviewIntervalMonths: 12,
                              riskLevels: vocabulary(["low", "high"]), regions: vocabulary(regions), categories: vocabulary(categories),
                              factors: vocabulary(["f"]), regimes: vocabulary(["wassenaar", "eu", "mtcr"]))
        // Tables of numbers for guidance, products and countries, each part-filled.
        let tables = [0..<64, 64..<576, 576..<704]
        var docs = [[String: [String]]?](repeating: nil, count: 704)
        func product() -> [String: [String]] {
            // Each value once (`SearchDocument.facets`); one product in six under two regimes.
            var regimes = ["wassenaar"]
            if Int.random(in: 0..<6, using: &generator) == 0 { regimes.append("mtcr") }
            return ["kind": ["product"], "category": [categories.randomElement(using: &generator)!],
                    "risk": [["low", "high"].randomElement(using: &generator)!], "regime": regimes, "unlisted": ["x"]]
        }
        func country() -> [String: [String]] {
            ["kind": ["country"], "region": [regions.randomElement(using: &generator)!], "risk": ["high"]]
        }
        for number in 0..<20 { docs[number] = ["kind": ["guidance"], "regime": ["eu"]] }
        for number in Array(64..<576).shuffled(using: &generator).prefix(380) { docs[number] = product() }
        for number in Array(576..<704).shuffled(using: &generator).prefix(90) { docs[number] = country() }
        func taken(_ docs: [[String: [String]]?]) -> [Int] { tables.map { $0.filter { docs[$0] != nil }.count } }

        let facets = SearchFacets(docs, tables: tables, site: site)
        let file = Array(ScriptData.call("DiligenceSearch.put", "facets", facets).utf8)
        let read = try XCTUnwrap(SearchFacets.read(file: file))
        XCTAssertEqual(read, facets)
        let forms = Set(facets.dims.flatMap { $0.values.compactMap(\.docs.first) } + facets.dims.compactMap { $0.each.map { _ in Character("=") } })
        XCTAssertTrue(forms.isSuperset(of: ["~", "!", "+", "="]), "tables' ranges, a bitmap, runs and a filter page by page: \(forms)")
        let lists = try XCTUnwrap(read.pagesOf { docs[$0] != nil })
        XCTAssertEqual(SearchFacets(pagesOf: lists, tables: tables, taken: taken(docs), site: site), facets)
        XCTAssertNil(SearchFacets.read(file: Array(file.dropLast(3))), "not a facets file")

        // The patch: old number → new number, the pages given again, and what they are now.
        var now = docs
        var renumbered: [Int?] = Array(0..<704)
        var changed: [Int: [String: [String]]] = [:]
        let products = (64..<576).filter { docs[$0] != nil }.shuffled(using: &generator)
        for number in products.prefix(6) { now[number] = nil; renumbered[number] = nil }  // removed
        for number in products.dropFirst(6).prefix(10) { now[number] = product(); changed[number] = now[number] }  // edited
        var free = (64..<576).filter { docs[$0] == nil }.shuffled(using: &generator)
        for number in products.dropFirst(16).prefix(3) {  // moved to another number
            let to = free.removeLast()
            now[to] = docs[number]
            now[number] = nil
            renumbered[number] = to
            changed[to] = now[to]
        }
        for _ in 0..<4 { let at = free.removeLast(); now[at] = product(); changed[at] = now[at] }  // added
        let dropped = (0..<704).map { docs[$0] != nil && (renumbered[$0].map { changed[$0] != nil } ?? true) }
        let patched = SearchFacets.patched(lists, renumbered: renumbered, dropped: dropped, changed: changed)
        XCTAssertEqual(SearchFacets(pagesOf: patched, tables: tables, taken: taken(now), site: site),
                       SearchFacets(now, tables: tables, site: site))
        XCTAssertNotEqual(SearchFacets(now, tables: tables, site: site), facets)
    }

    /// Index files of 120-byte chunks for a site with no vocabulary, and
    /// one page's name tables: what the chunk-writing tests write with.
    private static func smallChunks() -> (SearchIndexFiles, SearchNameTables) {
        let site = SiteConfig(title: "T", description: "D", language: "en", baseURL: nil, reviewIntervalMonths: 12,
                              riskLevels: Vocabulary([]), regions: Vocabulary([]), categories: Vocabulary([]),
                              factors: Vocabulary([]), regimes: Vocabulary([]))
        let names = SearchRecordNames([PageID(.product, "a")]).names
        return (SearchIndexFiles(chunkBytes: 120, site: site),
                SearchNameTables(names, numbering: SearchNumbering(names: names, groups: [SearchNumbering.group(.product, .page)])))
    }

    /// A patched index's chunks given as they were kept (`write(kept:)`)
    /// are the bytes of the same entries written afresh, whatever the edit
    /// does to the chunks' bounds: entries changed, dropped or added, a
    /// chunk's entries split over two, or two chunks' joined.
    func testKeptChunksAreWhatWritingAfreshGives() throws {
        let (files, names) = Self.smallChunks()
        var random = SeededGenerator(seed: 7)
        func entry(_ term: String) -> SearchIndexFiles.Entry {
            let postings = (0..<Int.random(in: 1...12, using: &random)).map { SearchPosting(doc: Int32($0 * 3), score: Int32.random(in: 1...35, using: &random)) }
            return .init(term: term, bytes: SharedBytes(SearchIndexFiles.encode(term: term, postings: postings)))
        }
        /// Each chunk file `write` gave: its bytes, or nil when it named the chunk as kept (not emitted).
        final class Chunks: @unchecked Sendable {
            var files: [String: [UInt8]?] = [:]
            let lock = NSLock()
            func set(_ path: String, _ bytes: [UInt8]?) { lock.withLock { files[path] = .some(bytes) } }
        }
        func write(_ entries: [SearchIndexFiles.Entry], kept: [SearchIndexFiles.KeptChunk] = []) -> (files: [String: [UInt8]?], names: [String]) {
            let out = Chunks()
            let names = files.write(entries: entries, names: names, facets: nil, kept: kept, unchanged: { out.set($0, nil) }) { file in
                if case .bytes(let bytes) = file.contents, file.path.hasPrefix("search/i-") { out.set(file.path, bytes) }
            }
            return (out.files, names)
        }
        var reused = 0, unreadChunks = 0, readMidChunk = 0
        for _ in 0..<400 {
            let words = Set((0..<Int.random(in: 1...40, using: &random)).map { _ in
                String((0..<Int.random(in: 1...5, using: &random)).map { _ in "abcdefg".randomElement(using: &random)! })
            })
            // Sorted first: a set's order changes from process to process, and the draws must not.
            let terms = words.sorted().flatMap { Bool.random(using: &random) ? [$0] : [$0, $0 + " 2"] }.sorted(by: SearchIndexFiles.precedes)
            let before = write(terms.map(entry))
            XCTAssertEqual(before.files.count, before.names.count)
            let chunks = try before.names.enumerated().map { i, name in
                let bytes = try XCTUnwrap(before.files["search/\(name).js"] ?? nil, "a write with nothing kept emits every chunk")
                XCTAssertTrue(bytes.starts(with: Array("DiligenceSearch.put(\"\(name)\",{".utf8)), "the file's put call gives its name")
                return (bytes, name, try XCTUnwrap(SearchIndexFiles.entries(ofChunk: SharedBytes(bytes), number: i)))
            }
            // The edit: entries kept, changed, dropped; new terms between them.
            var edited: [SearchIndexFiles.Entry] = []
            for old in chunks.flatMap(\.2) {
                switch Int.random(in: 0..<12, using: &random) {
                case 0: continue
                case 1: edited.append(entry(old.term))
                case 2: edited.append(old); edited.append(entry(old.term + "h"))
                default: edited.append(old)
                }
            }
            edited.sort { SearchIndexFiles.precedes($0.term, $1.term) }
            let kept = chunks.map { SearchIndexFiles.KeptChunk(bytes: SharedBytes($0.0), name: $0.1, count: $0.2.count) }
            let patched = write(edited, kept: kept)
            let afresh = write(edited.map { .init(term: $0.term, bytes: SharedBytes($0.bytes.array)) })
            XCTAssertEqual(patched.files.count, afresh.files.count)
            XCTAssertEqual(patched.names, afresh.names)
            for (path, bytes) in afresh.files {
                // A chunk named as kept is the old file of its name, as it was.
                let given = patched.files[path].map { $0 ?? (kept.first { "search/\($0.name).js" == path }?.bytes?.array ?? []) } ?? []
                XCTAssertEqual(String(decoding: given, as: UTF8.self), String(decoding: bytes ?? [], as: UTF8.self), path)
            }
            reused += patched.files.values.filter { $0 == nil }.count
            // The same edit with the chunks it does not reach given whole,
            // unread (`Item.kept`), as a patch gives them: a chunk is reached
            // when an entry of its range changed, went or came. (The chunk
            // before a reached one may have to take in its entries: `write`
            // reads it then.)
            let firstTerms = chunks.map { $0.2[0].term }
            func chunkIndex(_ term: String) -> Int {
                (firstTerms.lastIndex { !SearchIndexFiles.precedes(term, $0) } ?? 0)
            }
            var reached = Set<Int>()
            for chunk in chunks.indices {
                let olds = chunks[chunk].2
                let now = edited.filter { chunkIndex($0.term) == chunk }
                if now.count != olds.count || zip(now, olds).contains(where: { !SharedBytes.same($0.bytes, $1.bytes) || $0.term != $1.term }) {
                    reached.insert(chunk)
                }
            }
            var items: [SearchIndexFiles.Item] = []
            for chunk in chunks.indices {
                if reached.contains(chunk) {
                    items += edited.filter { chunkIndex($0.term) == chunk }.map(SearchIndexFiles.Item.entry)
                } else {
                    items.append(.kept(chunk))
                }
            }
            let unread = chunks.enumerated().map { i, chunk in
                SearchIndexFiles.KeptChunk(bytes: reached.contains(i) ? SharedBytes(chunk.0) : nil, name: chunk.1, count: chunk.2.count,
                                           first: (chunk.2[0].term, chunk.2[0].bytes.count))
            }
            let out = Chunks()
            var loaded = 0
            let lazyNames = files.write(items: items, names: names, facets: nil, kept: unread, keptTables: .none,
                                        load: { loaded += 1; return (SharedBytes(chunks[$0].0), chunks[$0].2) },
                                        unchanged: { out.set($0, nil) }) { file in
                if case .bytes(let bytes) = file.contents, file.path.hasPrefix("search/i-") { out.set(file.path, bytes) }
            }
            XCTAssertEqual(lazyNames, afresh.names)
            XCTAssertEqual(out.files.count, afresh.files.count)
            for (path, bytes) in afresh.files {
                let given = out.files[path].map { $0 ?? (chunks.first { "search/\($0.1).js" == path }?.0 ?? []) } ?? []
                XCTAssertEqual(String(decoding: given, as: UTF8.self), String(decoding: bytes ?? [], as: UTF8.self), path)
            }
            unreadChunks += chunks.count - reached.count - loaded
            readMidChunk += loaded
        }
        XCTAssertGreaterThan(reused, 200, "chunks named as kept, not put together again")
        XCTAssertGreaterThan(unreadChunks, 100, "chunks given whole and never read")
        XCTAssertGreaterThan(readMidChunk, 10, "kept chunks reached where no chunk closes, read and put together")
    }

    /// A chunk given whole (`Item.kept`) that the last build closed only
    /// because the next entry was large takes that entry in once it is
    /// small: `write` reads the kept chunk rather than name it as it was.
    func testAKeptChunkTakesInANextEntryThatShrank() throws {
        let (files, names) = Self.smallChunks()
        func entry(_ term: String, _ postings: Int) -> SearchIndexFiles.Entry {
            .init(term: term, bytes: SharedBytes(SearchIndexFiles.encode(
                term: term, postings: (0..<postings).map { SearchPosting(doc: Int32($0 * 3), score: 7) })))
        }
        final class Written: @unchecked Sendable {
            var files: [String: [UInt8]] = [:]
            var kept: [String] = []
        }
        func write(_ items: [SearchIndexFiles.Item], kept: [SearchIndexFiles.KeptChunk] = [],
                   load: @escaping (Int) -> (bytes: SharedBytes, entries: [SearchIndexFiles.Entry])? = { _ in nil }) -> (Written, [String]?) {
            let out = Written()
            let names = files.write(items: items, names: names, facets: nil, kept: kept, keptTables: .none, load: load,
                                    unchanged: { out.kept.append($0) }) { file in
                if case .bytes(let bytes) = file.contents, file.path.hasPrefix("search/i-") { out.files[file.path] = bytes }
            }
            return (out, names)
        }
        // `b` is large: `a` and `c` are chunks of their own around it.
        let (before, oldNames) = write([entry("a", 2), entry("b", 20), entry("c", 2)].map(SearchIndexFiles.Item.entry))
        XCTAssertEqual(oldNames, ["i-a", "i-b", "i-c"])
        let oldFiles = try XCTUnwrap(oldNames).map { SharedBytes(before.files["search/\($0).js"] ?? []) }
        let chunks = try oldFiles.enumerated().map { i, bytes in try XCTUnwrap(SearchIndexFiles.entries(ofChunk: bytes, number: i)) }
        let kept = zip(try XCTUnwrap(oldNames), chunks).map { name, entries in
            SearchIndexFiles.KeptChunk(bytes: nil, name: name, count: entries.count, first: (entries[0].term, entries[0].bytes.count))
        }
        // `b` shrinks: written afresh, the three are one chunk.
        let edited = [chunks[0][0], entry("b", 2), chunks[2][0]]
        let (afresh, newNames) = write(edited.map { SearchIndexFiles.Item.entry(.init(term: $0.term, bytes: SharedBytes($0.bytes.array))) })
        XCTAssertEqual(newNames, ["i-a"])
        var read: [Int] = []
        let (patched, patchedNames) = write([.kept(0), .entry(edited[1]), .kept(2)], kept: kept) { read.append($0); return (oldFiles[$0], chunks[$0]) }
        XCTAssertEqual(patchedNames, newNames)
        XCTAssertEqual(read, [0, 2], "both kept chunks read: neither begins a chunk now")
        XCTAssertEqual(patched.files.mapValues { String(decoding: $0, as: UTF8.self) }, afresh.files.mapValues { String(decoding: $0, as: UTF8.self) })
        XCTAssertEqual(patched.kept, [])
        // `b` as it was: the kept chunks are named, not read.
        read = []
        let (same, sameNames) = write([.kept(0), .entry(chunks[1][0]), .kept(2)], kept: kept) { read.append($0); return (oldFiles[$0], chunks[$0]) }
        XCTAssertEqual(sameNames, oldNames)
        XCTAssertEqual(read, [])
        XCTAssertEqual(same.kept, ["search/i-a.js", "search/i-b.js", "search/i-c.js"], "b too: its entry as it was is its chunk")
    }

    /// A common word's postings are a chunk of their own: a query for it
    /// does not load a chunk's worth of other words too.
    func testLargeEntriesHaveAChunkOfTheirOwn() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let chunkBytes = 80
        let index = try BuiltIndex(site, chunkBytes: chunkBytes)
        var large = 0, joined = 0
        let firsts = try XCTUnwrap(index.meta["c"] as? [String])
        let solo = try XCTUnwrap(index.meta["s"] as? [Int])
        for (i, chunk) in index.chunks.enumerated() {
            for (term, postings) in chunk where term.utf8.count + postings.utf8.count + 5 >= chunkBytes / 2 {
                large += 1
                // Besides it: its form's other terms, and if it is a stem key, redirects to it.
                let others = chunk.keys.filter {
                    $0 != term && SearchStemmer.form(ofTerm: $0) != SearchStemmer.form(ofTerm: term) && SearchStemmer.stem(ofTerm: $0) != term
                }
                XCTAssertEqual(others, [], "\(term) shares its chunk with \(chunk.keys.sorted().prefix(5))")
                joined += chunk.keys.filter { $0 != term && SearchStemmer.stem(ofTerm: $0) == term }.count
            }
            // meta.js names the chunks of a single redirect, whose term is the chunk's first.
            let isSolo = chunk.count == 1 && chunk.keys.first!.contains(" ")
            XCTAssertEqual(solo.contains(i), isSolo, "chunk \(i): \(chunk.keys.sorted().prefix(3))")
            if isSolo { XCTAssertEqual(firsts[i], chunk.keys.first) }
        }
        XCTAssertGreaterThan(large, 0)
        XCTAssertGreaterThan(solo.count, 0)
        XCTAssertGreaterThan(joined, 0, "small redirects join the chunk of their large stem")
    }
}
