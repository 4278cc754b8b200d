@testable import DiligenceSearch
@testable import DiligenceSupport
import XCTest

/// The term filters an incremental search patch consults before it scans a
/// posting list for an edited page's old postings (`SearchTermFilter`,
/// `SearchTermFilters`): never a false "not there", few false "maybe", and
/// a file that grows by the patched pages' filters only.
final class SearchTermFilterTests: XCTestCase {
    private func terms(_ count: Int, _ prefix: String) -> [String] {
        (0..<count).map { "\(prefix)\($0)" } + (prefix.isEmpty ? [] : ["\(prefix) 6", "caméra\(prefix)"])
    }

    private func filter(_ terms: [String]) -> [UInt8] {
        SearchTermFilter.filter(hashes: terms.map(SearchTermFilter.hash))
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
        let filters = [filter(terms(3, "a")), filter(terms(40, "b")), filter([])]
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
        let old = SearchTermFilters(filters: (0..<4).map { filter(terms(50, "p\($0)-")) })
        let kept = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: old.appended), table: old.table()))
        // Page 1 edited, page 2 removed, a page added at 1: old 0 → 0, 1 → 2 (edited), 3 → 3.
        let edited = filter(terms(60, "edited-")), added = filter(terms(10, "added-"))
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
        var filters = SearchTermFilters(filters: (0..<pages).map { filter(terms(200, "p\($0)-")) })
        var file = filters.appended
        var edits = 0
        // One page edited again and again: its old filters stay in the file, dead.
        while true {
            let kept = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: file), table: filters.table()))
            filters = kept.patched(renumbered: Array(0..<pages), changed: [5: filter(terms(200 + edits, "e\(edits)-"))], count: pages)
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
}
