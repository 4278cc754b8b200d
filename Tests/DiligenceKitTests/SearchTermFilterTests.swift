@testable import DiligenceSearch
@testable import DiligenceSupport
import XCTest

/// The summaries an incremental search patch consults before it scans a
/// posting list for an edited page's old postings (`SearchTermFilter`,
/// `SearchTermFilters`): filters with never a false "not there" and few
/// false "maybe", digests that differ exactly in the buckets of the terms
/// whose score changed, and a file that grows by the patched pages' summaries only.
final class SearchTermFilterTests: XCTestCase {
    private func terms(_ count: Int, _ prefix: String) -> [String] {
        (0..<count).map { "\(prefix)\($0)" } + (prefix.isEmpty ? [] : ["\(prefix) 6", "caméra\(prefix)"])
    }

    private func filter(_ terms: [String]) -> [UInt8] {
        SearchTermFilter.filter(hashes: terms.map(SearchTermFilter.hash))
    }

    /// A page's summary as the cache keeps it, every term scored `score`
    /// unless `scores` says otherwise.
    private func summary(_ terms: [String], score: Int32 = 5, scores: [String: Int32] = [:]) -> [UInt8] {
        SearchTermFilter.summary(terms.map { (SearchTermFilter.hash($0), scores[$0] ?? score) })
    }

    private func mayContain(_ filter: [UInt8], _ term: String) -> Bool {
        filter.withUnsafeBytes { SearchTermFilter.mayContain($0, hash: SearchTermFilter.hash(term)) }
    }

    func testAFilterHoldsEveryTermItWasMadeOfAndFewOthers() {
        for count in [0, 1, 7, 100, 2_000] {
            let members = terms(count, "word")
            let made = filter(members)
            XCTAssertEqual(made.count % 8, 0)
            XCTAssertEqual(made.count, max(8, (members.count * 8 + 63) / 64 * 8), "8 bits a term, whole 64-bit words")
            for term in members { XCTAssertTrue(mayContain(made, term), "\(term) lost from a filter of \(count)") }
            let others = terms(5_000, "other")
            let maybe = others.filter { mayContain(made, $0) }.count
            XCTAssertLessThan(Double(maybe) / Double(others.count), 0.05, "false positives in a filter of \(count)")
        }
        XCTAssertFalse(mayContain(filter([]), "anything"), "a page with no term holds none")
    }

    func testADamagedFilterMayHoldAnything() {
        XCTAssertTrue(mayContain([], "word"))
        XCTAssertTrue(mayContain([0, 0, 0], "word"), "not a whole number of words")
    }

    func testTheTableFindsEachPagesFilterInTheFile() throws {
        let filters = [summary(terms(3, "a")), summary(terms(40, "b")), summary([])]
        let written = SearchTermFilters(filters: filters)
        XCTAssertTrue(written.rewrites)
        XCTAssertEqual(written.fileSize, filters.reduce(0) { $0 + $1.count })
        let read = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: written.appended), table: written.table()))
        XCTAssertEqual(read.places, written.places)
        XCTAssertTrue(read.anyMayContain([1], hash: SearchTermFilter.hash("b17")))
        XCTAssertFalse(read.anyMayContain([0, 2], hash: SearchTermFilter.hash("b17")))
        // A table that names bytes past the end of the file is not used.
        XCTAssertNil(SearchTermFilters(file: CacheBytes(copying: written.appended.dropLast()), table: written.table()))
        XCTAssertNil(SearchTermFilters(file: CacheBytes(copying: written.appended), table: Array(written.table().dropLast())))
    }

    func testAPatchAppendsTheFiltersOfThePagesItTokenised() throws {
        let old = SearchTermFilters(filters: (0..<4).map { summary(terms(50, "p\($0)-")) })
        let kept = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: old.appended), table: old.table()))
        // Page 1 edited, page 2 removed, a page added at 1: old 0 → 0, 1 → 2 (edited), 3 → 3.
        let edited = summary(terms(60, "edited-")), added = summary(terms(10, "added-"))
        let patched = kept.patched(renumbered: [0, 2, nil, 3], changed: [1: added, 2: edited], count: 4)
        XCTAssertFalse(patched.rewrites, "a patch appends")
        XCTAssertEqual(patched.appended, added + edited, "in page order")
        XCTAssertEqual(patched.places[0], kept.places[0])
        XCTAssertEqual(patched.places[3], kept.places[3])
        // Read back as the next build would, after the append.
        let file = CacheBytes(copying: old.appended + patched.appended)
        let next = try XCTUnwrap(SearchTermFilters(file: file, table: patched.table()))
        XCTAssertTrue(next.anyMayContain([1], hash: SearchTermFilter.hash("added-3")))
        XCTAssertTrue(next.anyMayContain([2], hash: SearchTermFilter.hash("edited-59")))
        XCTAssertTrue(next.anyMayContain([3], hash: SearchTermFilter.hash("p3-7")))
        XCTAssertFalse(next.anyMayContain([0, 1, 3], hash: SearchTermFilter.hash("edited-59")))
    }

    func testTheFileIsWrittenAfreshOnceDeadFiltersOutweighTheLiveOnes() throws {
        let pages = 20
        var filters = SearchTermFilters(filters: (0..<pages).map { summary(terms(200, "p\($0)-")) })
        var file = filters.appended
        var edits = 0
        // One page edited again and again: its old filters stay in the file, dead.
        while true {
            let kept = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: file), table: filters.table()))
            filters = kept.patched(renumbered: Array(0..<pages), changed: [5: summary(terms(200 + edits, "e\(edits)-"))], count: pages)
            edits += 1
            if filters.rewrites { break }
            file += filters.appended
            XCTAssertLessThanOrEqual(file.count, 2 * filters.places.reduce(0) { $0 + $1.count } + 65_536)
        }
        XCTAssertGreaterThan(edits, 10, "rewritten only once the dead filters weigh")
        XCTAssertEqual(filters.fileSize, filters.places.reduce(0) { $0 + $1.count }, "nothing dead after a rewrite")
        let fresh = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: filters.appended), table: filters.table()))
        XCTAssertTrue(fresh.anyMayContain([5], hash: SearchTermFilter.hash("e\(edits - 1)-3")))
        XCTAssertTrue(fresh.anyMayContain([19], hash: SearchTermFilter.hash("p19-199")))
    }

    func testADigestDiffersOnlyInTheBucketsOfTheTermsWhoseScoreChanged() {
        let words = terms(500, "w")
        let before = summary(words)
        XCTAssertEqual(before.count, SearchTermFilter.digestBytes + filter(words).count, "the digest, then the filter")
        XCTAssertEqual(summary(words.reversed()), before, "the terms' order does not matter")
        func agrees(_ a: [UInt8], _ b: [UInt8], _ term: String) -> Bool {
            a.withUnsafeBytes { a in b.withUnsafeBytes { b in SearchTermFilter.sameScores(a, b, hash: SearchTermFilter.hash(term)) } }
        }
        // One score changed, one term gone, one added: their buckets differ, no other.
        let after = summary(words.filter { $0 != "w7" } + ["new"], scores: ["w3": 6])
        let changed = Set(["w3", "w7", "new"].map { SearchTermFilter.bucket(SearchTermFilter.hash($0)) })
        for term in words + ["new", "absent"] {
            XCTAssertEqual(agrees(before, after, term), !changed.contains(SearchTermFilter.bucket(SearchTermFilter.hash(term))), term)
        }
        XCTAssertFalse(agrees(before, after, "w3"))
        XCTAssertFalse(agrees(summary(["w3"], score: 5), summary(["w3"], score: 6), "w3"), "a score alone changes the digest")
        XCTAssertTrue(agrees(summary([]), summary(["w3"]), "absent"), "an empty bucket in both")
        // A summary too short to hold a digest (damaged) agrees with nothing and may hold anything.
        XCTAssertFalse(agrees(Array(before.prefix(100)), before, "w1"))
        XCTAssertFalse(agrees(before, Array(before.prefix(SearchTermFilter.digestBytes)), "w1"))
        XCTAssertTrue(Array(before.prefix(100)).withUnsafeBytes {
            SearchTermFilter.mayContain(SearchTermFilter.parts($0).filter, hash: SearchTermFilter.hash("absent"))
        })
    }

    func testKeptSummariesSayWhichPagesScoreAsBeforeUnderATerm() throws {
        let pages = [terms(40, "a"), terms(40, "b"), terms(40, "c")]
        let written = SearchTermFilters(filters: pages.map { summary($0) })
        let kept = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: written.appended), table: written.table()))
        let now = [0: summary(pages[0], scores: ["a1": 9]), 2: summary(pages[2])]
        let hash = SearchTermFilter.hash("a1")
        XCTAssertFalse(kept.scoresUnchanged([0], hash: hash, now: now), "page 0 scores a1 otherwise")
        XCTAssertTrue(kept.scoresUnchanged([2], hash: hash, now: now))
        XCTAssertFalse(kept.scoresUnchanged([0, 2], hash: hash, now: now), "every page must agree")
        XCTAssertFalse(kept.scoresUnchanged([1], hash: hash, now: now), "a page with no new summary is not taken as unchanged")
        XCTAssertTrue(kept.scoresUnchanged([], hash: hash, now: now))
        XCTAssertTrue(kept.anyMayContain([0], hash: hash), "the filter is read past the digest")
        XCTAssertFalse(kept.anyMayContain([1, 2], hash: hash))
    }
}
