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
import XCTest

/// The small building blocks: dates, suggestions, URLs.
final class UnitTests: XCTestCase {
    /// A cache file's records put back in page order (`RecordOrder`), the
    /// last of each page standing for it, as a sort of every record by key
    /// then place does: files written afresh (one run, or the kept pages
    /// then the rendered ones) and appended to many times, with new keys,
    /// records repeated within and across runs, and one run longer than the
    /// first.
    func testRecordOrderIsTheLastRecordOfEachKeyInKeyOrder() {
        func reference(_ keys: [Int]) -> [Int] {
            var latest: [Int] = []
            for i in keys.indices.sorted(by: { (keys[$0], $0) < (keys[$1], $1) }) {
                if let last = latest.last, keys[last] == keys[i] { latest[latest.count - 1] = i } else { latest.append(i) }
            }
            return latest
        }
        XCTAssertEqual(RecordOrder.latest([Int]()), [])
        XCTAssertEqual(RecordOrder.latest([7]), [0])
        XCTAssertEqual(RecordOrder.latest([1, 2, 3]), [0, 1, 2])
        XCTAssertEqual(RecordOrder.latest([1, 3, 5, 2, 3]), [0, 3, 4, 2])
        XCTAssertEqual(RecordOrder.latest([4, 4, 4]), [2])
        var generator = SeededGenerator(seed: 22)
        for trial in 0..<300 {
            let pages = Int.random(in: 1...60, using: &generator)
            // A file written afresh: the pages not rendered, then the rendered ones.
            let rendered = Set((0..<pages).filter { _ in Int.random(in: 0..<5, using: &generator) == 0 })
            var keys = (0..<pages).filter { !rendered.contains($0) } + rendered.sorted()
            // Builds that append: each a few records, some of new pages.
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                let count = Int.random(in: 1...(trial % 3 == 0 ? pages + 5 : 4), using: &generator)
                keys += (0..<count).map { _ in Int.random(in: 0..<(pages + 10), using: &generator) }.sorted()
            }
            XCTAssertEqual(RecordOrder.latest(keys), reference(keys), "\(keys)")
        }
    }

    /// The map that leaves a core to other work: every job done once, each
    /// result in its place, and the other workers take jobs while the last
    /// one waits at the gate (here the gate opens only once a job has run).
    func testAMapHoldingACoreBackRunsEveryJobOnceAndTheOthersWorkMeanwhile() {
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var runs = [Int](repeating: 0, count: 200)
            var doneBeforeGate = 0
            var gateOpen = false
        }
        let tally = Tally()
        let jobRan = DispatchSemaphore(value: 0)
        let results = (0..<200).concurrentMap(holdingOneCoreUntil: {
            jobRan.wait()
            tally.lock.withLock { tally.gateOpen = true }
        }) { i -> Int in
            tally.lock.withLock {
                tally.runs[i] += 1
                if !tally.gateOpen { tally.doneBeforeGate += 1 }
            }
            if i == 0 { jobRan.signal() }
            return i * i
        }
        XCTAssertEqual(results, (0..<200).map { $0 * $0 })
        XCTAssertEqual(tally.runs, [Int](repeating: 1, count: 200))
        if ProcessInfo.processInfo.activeProcessorCount > 1 {
            XCTAssertGreaterThan(tally.doneBeforeGate, 0, "the jobs waited for the gate")
        }
        // One core: the gate is never asked for, and the jobs run as a plain map.
        XCTAssertEqual((0..<3).concurrentMap(holdingOneCoreUntil: {}) { $0 + 1 }, [1, 2, 3])
    }

    func testPartialDates() {
        XCTAssertEqual(PartialDate("2024-02-29")?.readable, "29 February 2024")
        XCTAssertNil(PartialDate("2023-02-29"))
        XCTAssertNil(PartialDate("2023-13"))
        XCTAssertNil(PartialDate("2023-1-05"))
        XCTAssertEqual(PartialDate("2023-03")?.readable, "March 2023")
        XCTAssertEqual(PartialDate("2023")?.description, "2023")
        XCTAssertEqual(PartialDate("2024-01-15")!.months(until: PartialDate("2025-01-14")!), 11)
        XCTAssertEqual(PartialDate("2024-01-15")!.months(until: PartialDate("2025-01-15")!), 12)
    }

    /// A relation kept by place gives what a dictionary of id lists gave:
    /// the list in page order, nil for none, ids outside the graph too.
    func testPageRelationReadsAsTheDictionaryItReplaces() {
        let ids = [PageID(.country, "cn"), PageID(.guidance, "one"), PageID(.product, "face"), PageID(.product, "spy")]
        let order = PageOrder(ids: ids, position: Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) }))
        let missing = PageID(.product, "gone")
        let relation = PageRelation(order: order, lists: [[2, 3], [], [0], []],
                                    exceptions: [ids[3]: [ids[0], missing], missing: [ids[1]]])
        XCTAssertEqual(relation[ids[0]], [ids[2], ids[3]])
        XCTAssertNil(relation[ids[1]])
        XCTAssertEqual(relation[ids[2]], [ids[0]])
        XCTAssertEqual(relation[ids[3]], [ids[0], missing], "an exception is read before the page's place")
        XCTAssertEqual(relation[missing], [ids[1]])
        XCTAssertNil(relation[PageID(.page, "about")])
        XCTAssertEqual(ids.map(relation.hasEntries(for:)), [true, false, true, true])
        XCTAssertTrue(relation.hasEntries(for: missing))
        XCTAssertEqual(relation.map(\.key), [ids[0], ids[2], ids[3], missing])
        XCTAssertEqual(relation.map(\.value), [[ids[2], ids[3]], [ids[0]], [ids[0], missing], [ids[1]]])
    }

    func testSuggestions() {
        XCTAssertEqual(Suggestion.closest(to: "sumary", in: ["title", "summary", "tags"]), "summary")
        XCTAssertEqual(Suggestion.closest(to: "hihg", in: ["low", "medium", "high"]), "high")
        XCTAssertNil(Suggestion.closest(to: "banana", in: ["low", "medium", "high"]))
    }

    func testRelativeURLs() {
        XCTAssertEqual(RelativeURL.from("countries/cn.html", to: "products/spyware.html"), "../products/spyware.html")
        XCTAssertEqual(RelativeURL.from("countries/cn.html", to: "countries/ir.html"), "ir.html")
        XCTAssertEqual(RelativeURL.from("index.html", to: "countries/index.html"), "countries/index.html")
        XCTAssertEqual(RelativeURL.from("regions/eap/index.html", to: "regions/near-east/x.html"), "../near-east/x.html")
        XCTAssertEqual(RelativeURL.from("regions/eap/index.html", to: "index.html"), "../../index.html")
        XCTAssertEqual(RelativeURL.from("countries/cn.html", to: "countries"), "../countries")
        XCTAssertEqual(RelativeURL.from("pages/é/ü.html", to: "pages/é/ö.html"), "ö.html")
        XCTAssertEqual(RelativeURL.root(from: "countries/cn.html"), "../")
        XCTAssertEqual(RelativeURL.root(from: "index.html"), "")
        // Pages one folder deep take a shortcut: the URLs of the general
        // path, over 4,000 generated pairs of paths.
        var random = SeededGenerator(seed: 4)
        let parts = ["a", "b", "é", "x.html", "", "/", "//", "index.html"]
        func path() -> String { (0..<Int.random(in: 1..<5, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined() }
        for _ in 0..<4000 {
            let (from, to) = (path(), path())
            XCTAssertEqual(RelativeURL.from(from, to: to), RelativeURL.anyDepth(from, to: to), "\(from) → \(to)")
        }
        XCTAssertEqual(RelativeURL.betweenFolders("products/x.html", "countries/cn.html"), "../countries/cn.html")
        XCTAssertNil(RelativeURL.betweenFolders("regions/eap/index.html", "index.html"))
    }

    func testExternalURLCheck() {
        XCTAssertTrue(URLCheck.isAllowedExternal("https://example.org/a?b=c"))
        XCTAssertTrue(URLCheck.isAllowedExternal("mailto:kb@example.org"))
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", " https://x.org", "data:text/html,x", "//x.org", "/local", "https://"] {
            XCTAssertFalse(URLCheck.isAllowedExternal(bad), bad)
        }
    }

    func testTitleOrderIgnoresCaseAndAccentsAndReadsNumbers() {
        let titles = ["step 10", "Étude", "Step 2", "zebra", "Apple", "ecran", "Step 1b"]
        let pages = titles.enumerated().map { i, title in
            ParsedPage(cached: Page(id: PageID(.page, "p\(i)"), file: "", title: title, summary: "", tags: [], sources: [],
                                    updated: nil, draft: false, details: .page, body: "", bodyFirstLine: 1),
                       linkableIDs: [])
        }
        XCTAssertEqual(TitleOrder.sorted(pages).map(\.page.title),
                       ["Apple", "ecran", "Étude", "Step 1b", "Step 2", "step 10", "zebra"])
    }

    /// Sorting on the keys laid end to end gives the order of comparing
    /// each title's key as a whole, then the page id: for titles that are
    /// prefixes of others, the same title twice, and the empty title.
    func testTitleOrderOnKeyBytesIsTheOrderOfTheKeys() {
        var random = SystemRandomNumberGenerator()
        let parts = ["", "a", "A", "é", "Step", " ", "1", "10", "2", "zz", "Œ", "-"]
        for _ in 0..<50 {
            let pages = (0..<Int.random(in: 0...40, using: &random)).map { i -> ParsedPage in
                let title = (0..<Int.random(in: 0...3, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined()
                return ParsedPage(cached: Page(id: PageID(.page, "p\(Int.random(in: 0...99, using: &random))-\(i)"), file: "", title: title,
                                               summary: "", tags: [], sources: [], updated: nil, draft: false, details: .page, body: "",
                                               bodyFirstLine: 1), linkableIDs: [])
            }
            let expected = pages.sorted { a, b in
                let (x, y) = (TitleOrder.key(a.page.title), TitleOrder.key(b.page.title))
                return x != y ? x.lexicographicallyPrecedes(y) : a.id < b.id
            }
            XCTAssertEqual(TitleOrder.sorted(pages).map(\.id), expected.map(\.id))
        }
    }

    /// Starting from the order a previous build kept gives the order a full
    /// sort gives, whatever changed since: titles edited (also to the same
    /// key as a neighbour's), pages added and removed, entries the order
    /// names that no longer exist, and an order that is stale throughout.
    /// A run of a mapped cache file outlives the file's name and the
    /// reader it came from: a record kept as read is written back after the
    /// build has unlinked or renamed the file it was mapped from.
    func testCacheBytesKeepTheirMappingAliveAfterTheFileIsGone() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-cache-" + UUID().uuidString).path
        var writer = CacheWriter()
        writer.string("a page's record")
        writer.bytes(Array("its lists".utf8))
        writer.uint64(0x0123_4567_89AB_CDEF)
        try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
        var run: CacheBytes?
        do {
            var reader = CacheReader(CacheBytes(try XCTUnwrap(MappedFile(path))))
            XCTAssertEqual(try reader.string(), "a page's record")
            run = try reader.rawBytes()
            XCTAssertEqual(try reader.uint64(), 0x0123_4567_89AB_CDEF)
            XCTAssertTrue(reader.isAtEnd)
        }
        try FileManager.default.removeItem(atPath: path)
        XCTAssertEqual(try XCTUnwrap(run).withUnsafeBytes { Array($0) }, Array("its lists".utf8))
        var again = CacheReader(try XCTUnwrap(run))
        XCTAssertEqual(again.remaining, 9)
        _ = try again.uint64()
        XCTAssertEqual(again.remaining, 1)
        XCTAssertThrowsError(try again.uint64(), "past the end of the run, not into what follows it in the file")
        XCTAssertEqual(CacheBytes(copying: [1, 2, 3])[1..<3].withUnsafeBytes { Array($0) }, [2, 3])
    }

    func testAlphabeticalPagesFromAKeptOrderAreSortedAsAFullSortSortsThem() {
        var random = SystemRandomNumberGenerator()
        let parts = ["", "a", "A", "é", "Step", " ", "1", "10", "2", "zz", "Œ", "-", "b"]
        func title() -> String { (0..<Int.random(in: 0...3, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined() }
        func page(_ slug: String, _ title: String) -> ParsedPage {
            ParsedPage(cached: Page(id: PageID(.page, slug), file: "", title: title, summary: "", tags: [], sources: [],
                                    updated: nil, draft: false, details: .page, body: "", bodyFirstLine: 1), linkableIDs: [])
        }
        var placedFromTheKeptOrder = 0
        for round in 0..<200 {
            let before = (0..<Int.random(in: 0...300, using: &random)).map { page("p\($0)", title()) }
            let kept = KeptTitleOrder(TitleOrder.sorted(before))
            var now = before.filter { _ in Int.random(in: 0..<50, using: &random) > 0 }  // some removed
            for i in now.indices where Int.random(in: 0..<40, using: &random) == 0 {
                now[i] = page(now[i].id.slug, Bool.random(using: &random) ? title() : now[max(0, i - 1)].page.title)
            }
            now += (0..<Int.random(in: 0...3, using: &random)).map { page("new\(round)-\($0)", title()) }
            now.shuffle(using: &random)
            let expected = TitleOrder.sorted(now).map(\.id)
            XCTAssertEqual(AlphabeticalPages(now, previous: kept).all.map(\.id), expected, "round \(round)")
            if AlphabeticalPages.placing(now, in: kept) != nil { placedFromTheKeptOrder += 1 }
            // The order it keeps for the next build is the one it worked
            // out, with each title's hash, as if hashed anew.
            let pages = AlphabeticalPages(now, previous: kept)
            _ = pages.all
            XCTAssertEqual(pages.kept, KeptTitleOrder(TitleOrder.sorted(now)), "round \(round)")
        }
        XCTAssertGreaterThan(placedFromTheKeptOrder, 100, "most rounds change few pages: they start from the kept order")
        // Every title changed: nothing is kept, and the pages are sorted anew.
        let pages = (0..<100).map { page("p\($0)", "Title \($0)") }
        let stale = KeptTitleOrder(entries: pages.reversed().map { .init(id: $0.id, title: 0) })
        XCTAssertNil(AlphabeticalPages.placing(pages, in: stale))
        XCTAssertEqual(AlphabeticalPages(pages, previous: stale).all.map(\.id), TitleOrder.sorted(pages).map(\.id))
        // An order not worked out this build is handed on as it was given.
        XCTAssertEqual(AlphabeticalPages(pages, previous: stale).kept, stale)
    }

    /// The byte path for ASCII headings gives the ids the Unicode path
    /// gives: every ASCII character alone and between letters, and
    /// 2,000 pseudo-random ASCII headings; anything else takes the Unicode path.
    func testASCIIHeadingSlugsMatchTheUnicodeRules() {
        var texts = (0..<128).flatMap { b -> [String] in
            let c = String(UnicodeScalar(UInt8(b)))
            return [c, "a\(c)b", " \(c)Z9 \(c)"]
        }
        var random = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0..<24, using: &random)).map { _ in UInt8.random(in: 0..<0x80, using: &random) }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        texts += ["", "   ", "What the sources say", "Step 2 - Assess", "C++ / Rust_Go", "End-user\tchecks\r\n"]
        for text in texts {
            XCTAssertEqual(HeadingSlugger.asciiSlug(text), HeadingSlugger.unicodeSlug(text), "heading \(Array(text.utf8))")
        }
        XCTAssertEqual(HeadingSlugger.slug("Step 2 — Assess"), "step-2-assess")
        XCTAssertEqual(HeadingSlugger.slug("Côte d’Ivoire: État"), "cote-divoire-etat")
        XCTAssertNil(HeadingSlugger.asciiSlug("État"))
        XCTAssertEqual(HeadingSlugger.slug("État"), "etat")
    }

    /// Links are resolved by byte when they are ASCII: the same schemes,
    /// paths, page ids and fragments as by Character, over 6,000 links
    /// made of the pieces that matter (separators, dots, `#`, `:`, escapes).
    func testASCIILinksResolveAsByCharacter() {
        let pieces = ["/", ".", "..", "#", ":", "a", "Z", "9", "+", "-", "\\", ".md", "products", "countries",
                      "%2F", "%20", " ", "\r\n", "//", "http", "mailto", "x.md", "ab#cd"]
        var random = SeededGenerator(seed: 2)
        var links = pieces
        for _ in 0..<6000 {
            links.append((0..<Int.random(in: 0..<7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        func result(_ f: () throws(ContentPath.Failure) -> String) -> String {
            do { return try f() } catch { return "failure \(error)" }
        }
        for link in links {
            XCTAssertEqual(URLCheck.hasScheme(link), URLCheck.unicodeHasScheme(link), "scheme of \(link.debugDescription)")
            XCTAssertEqual(PageDecoder.pageID(forPath: link), PageDecoder.pageIDByCharacter(forPath: link), link.debugDescription)
            for folder in ["guidance", "products", ""] {
                XCTAssertEqual(result { () throws(ContentPath.Failure) in try ContentPath.resolve(link, from: folder) },
                               result { () throws(ContentPath.Failure) in try ContentPath.resolveAny(link, from: folder) },
                               "\(link.debugDescription) from \(folder)")
            }
            let split = LinkResolver.splitFragment(link)
            if let hash = link.firstIndex(of: "#") {
                XCTAssertEqual(split.path, String(link[..<hash]))
                XCTAssertEqual(split.fragment, String(link[link.index(after: hash)...]).removingPercentEncodingSafely)
            } else {
                XCTAssertEqual(split.path, link)
                XCTAssertNil(split.fragment)
            }
        }
        XCTAssertTrue(URLCheck.hasScheme("https://example.org"))
        XCTAssertFalse(URLCheck.hasScheme("../products/x.md#a:b"))
        XCTAssertEqual(result { () throws(ContentPath.Failure) in try ContentPath.resolve("../countries/./cn.md", from: "products") },
                       "countries/cn.md")
        XCTAssertEqual(PageDecoder.pageID(forPath: "countries/cn.md"), PageID(.country, "cn"))
    }

    /// Fragment ids from headings come in any order with repeats; from a
    /// build cache, sorted. Either way a lookup finds exactly those ids.
    func testFragmentIDsFindTheirIdsOnly() {
        let ids = FragmentIDs(["sources", "étape-2", "a", "sources", "zone", "b-1"])
        XCTAssertEqual(ids.sorted, ["a", "b-1", "sources", "zone", "étape-2"])
        for id in ["a", "b-1", "sources", "zone", "étape-2"] { XCTAssertTrue(ids.contains(id), id) }
        for id in ["", "b", "b-2", "source", "sourcesx", "zz", "étape"] { XCTAssertFalse(ids.contains(id), id) }
        XCTAssertEqual(FragmentIDs(sorted: ids.sorted), ids)
        XCTAssertFalse(([] as FragmentIDs).contains("a"))
        XCTAssertEqual(LinkResolver.fragmentHint("sourcs", ids), "did you mean '#sources'?")
    }

    func testFilesWrittenThroughASinkReadBackWhole() throws {
        let folder = NSTemporaryDirectory() + "diligence-io-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Pieces smaller and larger than the sink's buffer, in order.
        let pieces: [[UInt8]] = [Array("head\n".utf8), [UInt8](repeating: 7, count: 3 << 20), [1, 2, 3],
                                 (0..<700_000).map { UInt8(truncatingIfNeeded: $0) }]
        let sink = try FileSink(path: folder + "/big")
        for piece in pieces { try sink.append(piece) }
        try sink.close()
        XCTAssertEqual(FileBytes.read(folder + "/big"), pieces.flatMap { $0 })
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/big")), Data(pieces.flatMap { $0 }))

        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/empty", contents: Data()))
        XCTAssertEqual(FileBytes.read(folder + "/empty"), [])
        XCTAssertNil(FileBytes.read(folder + "/missing"))
        XCTAssertNil(FileBytes.read(folder), "a folder is not read")
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o644), 0)
        XCTAssertNil(FileBytes.read(folder + "/fifo"), "a FIFO is not read (it would block)")
    }

    /// A file stamped by name in its opened folder has the stamp its path
    /// gives, for a file in a folder, in a nested folder, at the root and
    /// in a folder that was not opened; a missing file has none.
    func testOpenFoldersStampFilesAsTheirPathsDo() throws {
        let folder = NSTemporaryDirectory() + "diligence-folders-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/products/deep", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/prod", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let paths = ["products/a.md", "products/deep/b.md", "c.md", "prod/d.md"]
        for (i, path) in paths.enumerated() {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + path, contents: Data(repeating: 65, count: i + 1)))
        }
        let folders = OpenFolders(root: folder, paths: paths.dropLast())
        for path in paths {
            let stamp = try XCTUnwrap(folders.stamp(path), path)
            XCTAssertEqual(stamp, FileStamp(path: folder + "/" + path), path)
        }
        XCTAssertEqual(folders.stamp("products/a.md")?.size, 1)
        XCTAssertEqual(folders.stamp("prod/d.md")?.size, 4, "a folder whose name starts another's is its own")
        XCTAssertNil(folders.stamp("products/missing.md"))
        XCTAssertNil(folders.stamp("missing/e.md"))
    }

    /// `holds` compares a block at a time: a difference in any block, at a
    /// block's edge or in a short last block, and a file that is longer or
    /// shorter, all count; only the same bytes hold.
    func testHoldsIsTrueOnlyForTheSameBytes() throws {
        let folder = NSTemporaryDirectory() + "diligence-holds-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = (0..<(3 * 65_536 + 1_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let path = folder + "/data"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        XCTAssertTrue(FileBytes.holds(bytes, at: path))
        for offset in [0, 65_535, 65_536, 2 * 65_536 + 17, bytes.count - 1] {
            var changed = bytes
            changed[offset] &+= 1
            XCTAssertFalse(FileBytes.holds(changed, at: path), "a byte changed at \(offset)")
        }
        XCTAssertFalse(FileBytes.holds(Array(bytes.dropLast()), at: path), "one byte shorter")
        XCTAssertFalse(FileBytes.holds(bytes + [0], at: path), "one byte longer")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/empty", contents: Data()))
        XCTAssertTrue(FileBytes.holds([], at: folder + "/empty"))
        XCTAssertFalse(FileBytes.holds([1], at: folder + "/empty"))
        XCTAssertFalse(FileBytes.holds([], at: folder + "/missing"))
        XCTAssertFalse(FileBytes.holds([], at: folder), "a folder holds nothing")
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o644), 0)
        XCTAssertFalse(FileBytes.holds([], at: folder + "/fifo"), "a FIFO is not read (it would block)")
    }

    func testOverwritingInPlaceLeavesExactlyTheNewBytes() throws {
        let folder = NSTemporaryDirectory() + "diligence-overwrite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/search", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = InPlaceWriter(root: folder)
        writer.overwrite(OutputFile(path: "search/i-0.js", text: "a longer first version\n"))
        writer.overwrite(OutputFile(path: "search/i-0.js", text: "shorter\n"))
        XCTAssertEqual(FileBytes.read(folder + "/search/i-0.js"), Array("shorter\n".utf8), "the old tail is cut off")
        writer.overwrite(OutputFile(path: "search/i-0.js", text: "now longer than before\n"))
        XCTAssertEqual(FileBytes.read(folder + "/search/i-0.js"), Array("now longer than before\n".utf8))
        // Compared first: the same bytes are not written again.
        let written = writer.writtenPaths.count
        writer.overwrite(OutputFile(path: "search/i-0.js", text: "now longer than before\n"), compare: true)
        XCTAssertEqual(writer.writtenPaths.count, written)
        // A symbolic link in the output is replaced, never written through.
        let outside = folder + "/outside.txt"
        try "keep".write(toFile: outside, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/search/i-2.js", withDestinationPath: outside)
        writer.overwrite(OutputFile(path: "search/i-2.js", text: "chunk"))
        XCTAssertEqual(try String(contentsOfFile: outside, encoding: .utf8), "keep")
        XCTAssertEqual(FileBytes.read(folder + "/search/i-2.js"), Array("chunk".utf8))
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/search/i-2.js"))
        writer.overwrite(OutputFile(path: "missing/i-1.js", text: "x"))
        XCTAssertNotNil(writer.firstError, "a folder that is not there is an error, not a crash")
    }

    /// A big file (a data file, a long listing) is written over in place
    /// from its first changed byte: the same inode, so another name of it
    /// (the build cache's) shows the new bytes, and only the tail written.
    func testABigFileIsWrittenOverFromItsFirstChangedByte() throws {
        let folder = NSTemporaryDirectory() + "diligence-tail-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data/big.json"
        let old = (0..<400_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(old)))
        XCTAssertEqual(link(path, folder + "/kept"), 0)
        let inode = { () -> UInt64 in var info = stat(); stat(path, &info); return UInt64(info.st_ino) }
        let before = inode()

        let writer = InPlaceWriter(root: folder)
        var longer = old
        longer[200_000] &+= 1
        longer += [1, 2, 3]
        writer.write(OutputFile(path: "data/big.json", contents: .bytes(longer)))
        XCTAssertEqual(FileBytes.read(path), longer)
        XCTAssertEqual(FileBytes.read(folder + "/kept"), longer, "written in place: the other name shows the new bytes")
        XCTAssertEqual(inode(), before)
        XCTAssertEqual(writer.bytesWritten, 200_003, "only the bytes from the first change on")

        let shorter = Array(old[..<350_000])
        writer.write(OutputFile(path: "data/big.json", contents: .bytes(shorter)))
        XCTAssertEqual(FileBytes.read(path), shorter, "the old tail is cut off")
        writer.write(OutputFile(path: "data/big.json", contents: .bytes(shorter)))
        XCTAssertEqual(writer.writtenPaths.count, 2, "the same bytes are not written again")

        // A splice of the file itself: its kept head is left as it is.
        let source = try XCTUnwrap(MappedFile(path))
        var builder = ByteSplice.Builder(source: source)
        builder.keep(0..<120_000)
        builder.bytes += Array("changed".utf8)
        builder.keep(120_007..<350_000)
        builder.bytes += Array("end".utf8)
        guard case .spliced(let splice) = builder.contents() else { return XCTFail("nothing kept") }
        XCTAssertEqual(splice.unchangedPrefix, 120_000)
        let expected = splice.bytes()
        XCTAssertEqual(splice.bytes(from: 119_990), Array(expected[119_990...]))
        writer.write(OutputFile(path: "data/big.json", contents: .spliced(splice)))
        XCTAssertEqual(FileBytes.read(path), expected)
        XCTAssertEqual(inode(), before)
        XCTAssertEqual(writer.bytesWritten, 200_003 + 150_000 + 230_003, "the shorter file from its first change (byte 200,000) on")

        // Runs that move towards the end (bytes inserted before them), over
        // several of the writer's 1 MB blocks: each block is read before
        // the one before it is written; a run moved by more than a block
        // is copied out first. Both give the splice's bytes.
        let big = (0..<3_000_000).map { UInt8(truncatingIfNeeded: ($0 * 7) % 253) }
        for inserted in [10, 1_500_000] {
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(big)))
            let mapped = try XCTUnwrap(MappedFile(path))
            var grown = ByteSplice.Builder(source: mapped)
            grown.keep(0..<100_000)
            grown.bytes += [UInt8](repeating: 42, count: inserted)
            grown.keep(100_000..<3_000_000)
            guard case .spliced(let moved) = grown.contents() else { return XCTFail("nothing kept") }
            XCTAssertEqual(moved.maxShift(from: 100_000), inserted)
            let wanted = moved.bytes()
            writer.write(OutputFile(path: "data/big.json", contents: .spliced(moved)))
            XCTAssertEqual(FileBytes.read(path), wanted, "\(inserted) bytes inserted")
        }

        // A third name (someone else's hard link) keeps its bytes: the file
        // is replaced, not written over.
        unlink(folder + "/kept")
        XCTAssertEqual(link(path, folder + "/kept"), 0)
        XCTAssertEqual(link(path, folder + "/third"), 0)
        let third = FileBytes.read(folder + "/third")
        writer.write(OutputFile(path: "data/big.json", contents: .bytes(longer)))
        XCTAssertEqual(FileBytes.read(path), longer)
        XCTAssertEqual(FileBytes.read(folder + "/third"), third)

        // A symbolic link is replaced, never written through.
        let outside = folder + "/outside.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: outside, contents: Data(old)))
        try FileManager.default.createSymbolicLink(atPath: folder + "/data/linked.json", withDestinationPath: outside)
        writer.write(OutputFile(path: "data/linked.json", contents: .bytes(longer)))
        XCTAssertEqual(FileBytes.read(outside), old)
        XCTAssertEqual(FileBytes.read(folder + "/data/linked.json"), longer)
        XCTAssertNil(writer.firstError)
    }
}
