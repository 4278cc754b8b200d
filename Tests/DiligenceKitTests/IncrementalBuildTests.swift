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

/// `build --incremental` on a copy of the sample knowledge base: after each
/// kind of edit, the output must be byte for byte what a full build of the
/// same content writes, and the incremental build must not have rebuilt
/// everything to get there.
final class IncrementalBuildTests: XCTestCase {
    /// A copy of the repository's content and templates, an incremental
    /// output and a reference output built from scratch.
    struct Workspace {
        let root: URL
        var content: String { root.appendingPathComponent("content").path }
        var templates: String { root.appendingPathComponent("templates").path }
        var output: String { root.appendingPathComponent("public").path }
        var reference: String { root.appendingPathComponent("reference").path }
        var cache: String { root.appendingPathComponent(".diligence-cache").path }
        /// The search index's chunk size, when not the default (small: many chunks).
        var searchChunkBytes: Int?
        /// The folder of the outputs the cache keeps for `output` (`OutputCache`).
        var outputsFolder: String { OutputCache.folder(cachePath: BuildSnapshot.path(cacheDirectory: cache, output: output)) }

        /// - Parameter languages: keep the sample's other languages; without,
        ///   the sample in its default language alone (site.yml's
        ///   `languages:` and the translations removed), as these tests
        ///   count the pages one language's build changes.
        init(languages: Bool = false) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-incremental-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for folder in ["content", "templates"] {
                try FileManager.default.copyItem(at: TestSite.repository.appendingPathComponent(folder),
                                                 to: root.appendingPathComponent(folder))
            }
            guard !languages else { return }
            let site = try String(contentsOfFile: content + "/site.yml", encoding: .utf8)
            if let range = site.range(of: "\nlanguages:\n") {
                try String(site[..<range.lowerBound] + "\n").write(toFile: content + "/site.yml", atomically: true, encoding: .utf8)
            }
            for path in FileManager.default.subpaths(atPath: content) ?? [] where TranslationDecoder.original(of: path) != nil {
                try FileManager.default.removeItem(atPath: content + "/" + path)
            }
        }

        func options(output: String, incremental: Bool) -> BuildOptions {
            var options = BuildOptions(content: content, templates: templates, output: output, today: TestSite.today)
            options.incremental = incremental
            options.cacheDirectory = cache
            if let searchChunkBytes { options.searchChunkBytes = searchChunkBytes }
            return options
        }

        func incremental() -> BuildReport { SiteBuilder(options: options(output: output, incremental: true)).build() }
        func full() -> BuildReport { SiteBuilder(options: options(output: reference, incremental: false)).build() }

        func edit(_ path: String, _ transform: (String) -> String) throws {
            let file = content + "/" + path
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let changed = transform(text)
            XCTAssertNotEqual(changed, text, "the edit of \(path) changes nothing")
            try changed.write(toFile: file, atomically: true, encoding: .utf8)
        }

        /// Every file under a folder (the publisher's marker aside), by path.
        static func files(_ folder: String) -> [String: Data] {
            var result: [String: Data] = [:]
            for path in FileManager.default.subpaths(atPath: folder) ?? [] where path != SitePublisher.markerName {
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDir)
                if !isDir.boolValue { result[path] = FileManager.default.contents(atPath: folder + "/" + path) }
            }
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// Builds incrementally and from scratch, and compares the two outputs.
    @discardableResult
    func assertSameAsFullBuild(_ workspace: Workspace, expectIncremental: Bool = true, maxFiles: Int? = nil,
                               _ what: String, file: StaticString = #filePath, line: UInt = #line) -> BuildReport {
        let report = workspace.incremental()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(what): \(report.diagnostics)", file: file, line: line)
        if expectIncremental {
            XCTAssertNil(report.fullBuildReason, "\(what) fell back to a full build", file: file, line: line)
            XCTAssertNotNil(report.changedPages, file: file, line: line)
            if let maxFiles {
                XCTAssertLessThanOrEqual(report.fileCount, maxFiles, "\(what) wrote too many files", file: file, line: line)
            }
        } else {
            XCTAssertNotNil(report.fullBuildReason, "\(what) should need a full build", file: file, line: line)
        }
        let full = workspace.full()
        XCTAssertFalse(full.diagnostics.hasErrors, file: file, line: line)
        XCTAssertEqual(report.diagnostics, full.diagnostics, "\(what): not the same warnings as a full build", file: file, line: line)
        let incremental = Workspace.files(workspace.output)
        let reference = Workspace.files(workspace.reference)
        XCTAssertEqual(Set(incremental.keys), Set(reference.keys), "\(what): not the same files", file: file, line: line)
        let different = reference.keys.filter { incremental[$0] != reference[$0] }.sorted()
        XCTAssertEqual(different, [], "\(what): files differ from a full build", file: file, line: line)
        return report
    }

    func testEveryKindOfEditGivesTheBytesOfAFullBuild() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // Warnings must be replayed as a full build reports them: a stray
        // file, an orphan page, and a page's own (a summary over 300 characters).
        try "notes".write(toFile: workspace.content + "/notes.txt", atomically: true, encoding: .utf8)
        let long = String(repeating: "Nobody links here. ", count: 20)
        try "---\ntitle: Orphan\nsummary: \(long)\norder: 99\n---\nText.\n".write(
            toFile: workspace.content + "/guidance/orphan.md", atomically: true, encoding: .utf8)
        let first = workspace.incremental()
        XCTAssertEqual(first.fullBuildReason, "no build cache")
        XCTAssertFalse(first.diagnostics.hasErrors)
        let warnings = first.diagnostics.map(\.message)
        XCTAssertTrue(warnings.contains { $0.contains("not in a content folder") }, "\(warnings)")
        XCTAssertTrue(warnings.contains("no other page links to guidance/orphan"), "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.hasPrefix("summary is") }, "\(warnings)")

        // Nothing changed: nothing written.
        let idle = assertSameAsFullBuild(workspace, "no edit")
        XCTAssertEqual(idle.changedPages, 0)
        XCTAssertEqual(idle.fileCount, 0)
        // Nor the cache, once it holds every file's stamp. A file modified
        // in the second a build starts is read again by the next build
        // (`PageCollector.safeStamp`): the content is dated an hour back,
        // and one build records the stamps.
        let hourAgo = Date().addingTimeInterval(-3600)
        for path in FileManager.default.subpaths(atPath: workspace.content) ?? [] {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: workspace.content + "/" + path)
        }
        XCTAssertEqual(assertSameAsFullBuild(workspace, "content dated back").fileCount, 0)
        let cacheFile = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        let marked = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: marked], ofItemAtPath: cacheFile)
        assertSameAsFullBuild(workspace, "no edit again")
        let modified = try FileManager.default.attributesOfItem(atPath: cacheFile)[.modificationDate] as? Date
        XCTAssertEqual(modified, marked, "a build with nothing to do leaves the cache as it is")

        // Body text: the page, its search record and a few index files (of 200).
        try workspace.edit("products/spyware.md") { $0 + "\nA sentence about zyxquorum, a word no other page has.\n" }
        let body = assertSameAsFullBuild(workspace, maxFiles: 12, "body edit")
        XCTAssertEqual(body.changedPages, 1)
        let chunks = Workspace.files(workspace.output + "/search").filter { $0.key.hasPrefix("i-") }
        XCTAssertTrue(chunks.values.contains { String(decoding: $0, as: UTF8.self).contains("\"zyxquorum\"") },
                      "the new word is in the search index")

        // A title: every page and listing that shows it.
        try workspace.edit("products/facial-recognition.md") {
            $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ", options: [], range: nil)
        }
        assertSameAsFullBuild(workspace, "title edit")

        // A country's risk and a new product ↔ country relation, from the country's side.
        try workspace.edit("countries/ir.md") {
            $0.replacingOccurrences(of: "\nrisk: unknown", with: "\nrisk: high")
              .replacingOccurrences(of: "\nregion: near-east", with: "\nregion: near-east\nproducts: [spyware]")
        }
        assertSameAsFullBuild(workspace, "risk and relation edit")

        // A factor's status and the reviewer: the review page and the
        // screening data change, the matrix and the lists do not.
        try workspace.edit("countries/mm.md") {
            $0.replacingOccurrences(of: "  documented-abuses:\n    status: unknown", with: "  documented-abuses:\n    status: present\n    source: 2")
              .replacingOccurrences(of: "reviewed_by: Diligence sample content", with: "reviewed_by: An editor")
        }
        let factor = assertSameAsFullBuild(workspace, "factor status edit")
        XCTAssertLessThan(factor.fileCount, 12, "only the pages that show the factor")

        // Each part of a country a listing reads on its own (the matrix:
        // risk basis, concerns, sources; the review page: the date), a
        // factor's note, which neither shows, and a date given to a product
        // (the changes page and the feed list dated pages).
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "    basis: The US Treasury (OFAC) stated", with: "    basis: Edited, the US Treasury (OFAC) stated") }
        assertSameAsFullBuild(workspace, "concern basis edit")
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "risk_basis: \"[Country rule: critical]", with: "risk_basis: \"Edited. [Country rule: critical]") }
        assertSameAsFullBuild(workspace, "risk basis edit")
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "  - title: \"2023 Country Reports", with: "  - title: \"The 2023 Country Reports") }
        assertSameAsFullBuild(workspace, "source title edit")
        try workspace.edit("countries/mm.md") { $0.replacingOccurrences(of: "    note: The State Department's 2023", with: "    note: Edited. The State Department's 2023") }
        // The country's page, the data that hold factors, its search record
        // and the chunks its words are in. Chunk bounds fall by size: here
        // (since the numbering's tables are at most half full) the chunk of
        // its changed words shrank, the next two chunks begin at other
        // terms, so they are written under their new names, the old ones
        // removed, and `meta.js` again: 12 files.
        XCTAssertLessThan(assertSameAsFullBuild(workspace, "factor note edit").fileCount, 13, "the country's page and the data that hold factors")
        try workspace.edit("countries/mm.md") { $0.replacingOccurrences(of: "\nreviewed: 2026-12-02", with: "\nreviewed: 2026-11-02") }
        assertSameAsFullBuild(workspace, "review date edit")
        try workspace.edit("products/drones.md") { $0.replacingOccurrences(of: "\nrisk: medium", with: "\nrisk: medium\nupdated: 2026-11-20") }
        assertSameAsFullBuild(workspace, "a product dated")

        // A new body link: the target's "Referenced by" changes though its file did not.
        try workspace.edit("guidance/contract-safeguards.md") { $0 + "\nSee the [DNA risks](../products/dna-sequencing.md#red-flags).\n" }
        assertSameAsFullBuild(workspace, "new link")

        // A new heading (fragment ids), a guidance order change (previous/next elsewhere).
        try workspace.edit("guidance/contract-safeguards.md") { $0 + "\nSee the [spyware risks](../products/spyware.md#red-flags).\n" }
        try workspace.edit("products/spyware.md") { $0 + "\n## A new section\n\nText.\n" }
        try workspace.edit("guidance/after-sale-monitoring.md") { $0.replacingOccurrences(of: "\norder: 7\n", with: "\norder: 70\n") }
        let three = assertSameAsFullBuild(workspace, "links, headings and order")
        XCTAssertEqual(three.changedPages, 3)

        // A free page's title is in every page's footer.
        try workspace.edit("pages/about.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: All ") }
        assertSameAsFullBuild(workspace, "footer title edit")

        // A file touched but not changed is not rebuilt.
        let touched = workspace.content + "/countries/us.md"
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: touched)
        let touch = assertSameAsFullBuild(workspace, "touch")
        XCTAssertEqual(touch.changedPages, 0)

        // A page added first in the order (every page after it is renumbered
        // in the search index), linking to others; then removed again. The
        // other pages' search records keep their files.
        let recordsBefore = Set(try FileManager.default.contentsOfDirectory(atPath: workspace.output + "/search/d"))
        try "---\ntitle: Aardvark step\nsummary: A step.\norder: 98\nrelated: [products/spyware]\n---\n## First\n\nSee [China](../countries/cn.md#what-the-sources-say).\n".write(
            toFile: workspace.content + "/guidance/aardvark.md", atomically: true, encoding: .utf8)
        let added = assertSameAsFullBuild(workspace, "page added")
        XCTAssertEqual(added.changedPages, 1)
        let recordsAfter = Set(try FileManager.default.contentsOfDirectory(atPath: workspace.output + "/search/d"))
        XCTAssertEqual(recordsAfter.subtracting(recordsBefore).count, 1)
        XCTAssertEqual(recordsBefore.subtracting(recordsAfter), [])
        try FileManager.default.removeItem(atPath: workspace.content + "/guidance/aardvark.md")
        assertSameAsFullBuild(workspace, "page removed")

        // A page other pages link to cannot go without them being told.
        let glossary = workspace.content + "/pages/glossary.md"
        let saved = try Data(contentsOf: URL(fileURLWithPath: glossary))
        try FileManager.default.removeItem(atPath: glossary)
        let gone = workspace.incremental()
        XCTAssertNil(gone.fullBuildReason)
        XCTAssertTrue(gone.diagnostics.hasErrors, "links to the removed page are errors")
        XCTAssertTrue(gone.diagnostics.contains { $0.message.contains("pages/glossary") }, "\(gone.diagnostics)")
        try saved.write(to: URL(fileURLWithPath: glossary))
        assertSameAsFullBuild(workspace, "removed page restored")

        // A template changed: a full build.
        let footer = workspace.templates + "/partials/footer.mustache"
        try (String(contentsOfFile: footer, encoding: .utf8) + "<!-- changed -->\n").write(toFile: footer, atomically: true, encoding: .utf8)
        assertSameAsFullBuild(workspace, expectIncremental: false, "template edit")
        // And incremental again after that.
        try workspace.edit("countries/cn.md") { $0 + "\nOne more line.\n" }
        assertSameAsFullBuild(workspace, maxFiles: 12, "body edit after a full build")
    }

    /// The index's chunk files, joined.
    static func chunkText(_ workspace: Workspace) -> String {
        chunkText(in: workspace.output)
    }

    /// The search chunks of the site in `folder`, end to end.
    static func chunkText(in folder: String) -> String {
        Workspace.files(folder + "/search").filter { $0.key.hasPrefix("i-") }
            .map { String(decoding: $0.value, as: UTF8.self) }.joined()
    }

    /// A form's redirect to its stem key comes and goes with the last page
    /// that has the form, as in a full build; in English and in French.
    func testStemRedirectsFollowTheirFormsAsInAFullBuild() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        try workspace.edit("products/spyware.md") { $0 + "\nTwo zyxquorums and a zyxquorum.\n" }
        assertSameAsFullBuild(workspace, maxFiles: 12, "a plural added")
        XCTAssertTrue(Self.chunkText(workspace).contains("\"zyxquorums 9\":"), "the plural's redirect")
        try workspace.edit("products/spyware.md") { $0.replacingOccurrences(of: "Two zyxquorums and a", with: "One") }
        assertSameAsFullBuild(workspace, maxFiles: 12, "the plural removed")
        XCTAssertFalse(Self.chunkText(workspace).contains("zyxquorums"), "no redirect once no page has the form")
        XCTAssertTrue(Self.chunkText(workspace).contains("\"zyxquorum\":"))

        // The same site indexed as French: elisions dropped, French stems.
        try workspace.edit("site.yml") { $0.replacingOccurrences(of: "\nlanguage: en\n", with: "\nlanguage: fr\n") }
        assertSameAsFullBuild(workspace, expectIncremental: false, "language changed")
        try workspace.edit("products/spyware.md") { $0 + "\nL'exportation des œuvres zyxquorales.\n" }
        assertSameAsFullBuild(workspace, maxFiles: 12, "French text added")
        let french = Self.chunkText(workspace)
        XCTAssertTrue(french.contains("\"exportation 6\":") && french.contains("\"oeuvres 5\":") && french.contains("\"zyxquorales 9\":"), "French redirects")
        XCTAssertFalse(french.contains("\"l\":"), "the elided article is not indexed")
        try workspace.edit("products/spyware.md") { $0.replacingOccurrences(of: "des œuvres ", with: "") }
        assertSameAsFullBuild(workspace, maxFiles: 12, "French text removed")
        XCTAssertFalse(Self.chunkText(workspace).contains("oeuvres"))
    }

    /// An edit appends the records it changes to the cache file the last
    /// build left, rather than writing every record again; the file is
    /// written afresh once the records it holds for nothing pass an eighth
    /// of the pages. Each build gives a full build's bytes either way.
    func testAnEditAppendsItsRecordsToTheCacheUntilAnEighthStandsForNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // Files modified in the second a build starts are read again by the
        // next one (`PageCollector.safeStamp`): the content is dated back.
        let hourAgo = Date().addingTimeInterval(-3600)
        for path in FileManager.default.subpaths(atPath: workspace.content) ?? [] {
            try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: workspace.content + "/" + path)
        }
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        let path = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        let pages = try XCTUnwrap(BuildSnapshot.load(from: path)).pages.count
        var sizes = [try XCTUnwrap(FileManager.default.contents(atPath: path)).count]
        for run in 1...(pages / 8 + 1) {
            let before = try XCTUnwrap(FileManager.default.contents(atPath: path))
            try workspace.edit("products/spyware.md") { $0 + "\nA sentence added by run \(run).\n" }
            assertSameAsFullBuild(workspace, maxFiles: 12, "body edit \(run)")
            let after = try XCTUnwrap(FileManager.default.contents(atPath: path))
            let snapshot = try XCTUnwrap(BuildSnapshot.load(from: path))
            XCTAssertEqual(snapshot.pages.count, pages)
            if run <= pages / 8 {
                // One record more: the old file, then the page's new record.
                XCTAssertEqual(snapshot.recordsInFile, pages + run, "run \(run)")
                XCTAssertEqual(after.prefix(before.count), before, "run \(run): the file the last build left comes first")
            } else {
                XCTAssertEqual(snapshot.recordsInFile, pages, "written afresh once an eighth of the pages stand for nothing")
                XCTAssertLessThan(after.count, before.count)
            }
            sizes.append(after.count)
        }
        // The page's record read back is the last one written.
        let spyware = try XCTUnwrap(BuildSnapshot.load(from: path)?.pages.first { $0.page.path == "products/spyware.md" })
        let text = try Data(contentsOf: URL(fileURLWithPath: workspace.content + "/products/spyware.md"))
        XCTAssertEqual(spyware.page.sourceHash, StableHasher.hash(Array(text)))
        XCTAssertEqual(sizes.count, pages / 8 + 2)
    }

    /// A page's search record holds the titles of the pages its lists name
    /// (a country's `products:`), so retitling one of them tokenises the
    /// unchanged page again. The cache keeps no body: the page is read from
    /// its file (taking the cached page's missing body crashed the build).
    /// The term filters the cache keeps (`SearchTermFilters`): one per page
    /// after a full build, the edited page's appended by each patch, and what
    /// the patch goes by to find a page's old postings (a filter that says a
    /// page has no terms leaves its removed word in the index); without them
    /// the patch scans every list, and still gives a full build's bytes.
    func testThePatchFindsAnEditedPagesOldPostingsThroughItsTermFilter() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.edit("countries/xk.md") { $0 + "\nA zyxquorum and two zyxquorums.\n" }
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        let folder = workspace.outputsFolder
        func kept() throws -> OutputCache.TermFilters? { try XCTUnwrap(OutputCache.load(folder: folder)).termFilters }
        func size() -> Int? { (try? FileManager.default.attributesOfItem(atPath: folder + "/t"))?[.size] as? Int }
        let first = try XCTUnwrap(try kept(), "a full build with --incremental keeps the filters")
        let pages = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: [UInt8](repeating: 0, count: first.size)), table: first.table))
        // One place per number (`SearchNumbering`), a filter for each page's.
        let filters = pages.places.filter { !$0.isEmpty }.count
        XCTAssertEqual(filters, workspace.full().pageCounts.values.reduce(0, +), "one filter per page")
        XCTAssertGreaterThan(pages.places.count, filters, "numbers no page has, with no filter")
        XCTAssertEqual(size(), first.size)

        // Kosovo, numbered after every product and guidance step: its removed words are found through its filter.
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: "A zyxquorum and two zyxquorums.", with: "A zyxquorum.") }
        assertSameAsFullBuild(workspace, maxFiles: 12, "a country's word removed")
        XCTAssertFalse(Self.chunkText(workspace).contains("zyxquorums"))
        let second = try XCTUnwrap(try kept())
        XCTAssertGreaterThan(second.size, first.size, "the edited page's filter appended")
        XCTAssertEqual(size(), second.size)

        // Filters that say no page has any term: the old posting is not looked for.
        let file = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/t"))
        try Data(count: file.count).write(to: URL(fileURLWithPath: folder + "/t"))
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: "A zyxquorum.", with: "None.") }
        XCTAssertNil(workspace.incremental().fullBuildReason)
        XCTAssertTrue(Self.chunkText(workspace).contains("\"zyxquorum\":"), "the filter decided which lists were scanned")

        // Without filters the patch scans every list: a full build's bytes again.
        try FileManager.default.removeItem(atPath: folder + "/t")
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: "None.", with: "A zyxquorum again.") }
        assertSameAsFullBuild(workspace, maxFiles: 12, "an edit with no filters kept")
        XCTAssertNil(try kept(), "filters that went are not made up")
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: "A zyxquorum again.", with: "Nothing.") }
        assertSameAsFullBuild(workspace, maxFiles: 12, "the word removed with no filters kept")
        XCTAssertFalse(Self.chunkText(workspace).contains("zyxquorum"))
    }

    /// Most of an edited page's posting lists keep their bytes unread: its
    /// score digest says, bucket by bucket, where its terms and scores are
    /// as they were. Checked by making the digest lie.
    func testThePatchLeavesTheListsOfTermsWhoseDigestBucketAgreesUnread() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let twice = "A zyxquorum and another zyxquorum.", once = "A zyxquorum."
        try workspace.edit("countries/xk.md") { $0 + "\n\(twice)\n" }
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        let folder = workspace.outputsFolder
        func summaries() throws -> (SearchTermFilters, [UInt8]) {
            let kept = try XCTUnwrap(try XCTUnwrap(OutputCache.load(folder: folder)).termFilters)
            let file = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/t"))
            return (try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: [UInt8](file)), table: kept.table)), [UInt8](file))
        }
        func postings(_ folder: String) -> Substring? {
            let text = Self.chunkText(in: folder)
            guard let start = text.range(of: "\"zyxquorum\":\"") else { return nil }
            return text[start.upperBound...].prefix { $0 != "\"" }
        }
        let (before, beforeFile) = try summaries()

        // One zyxquorum fewer: its score in Kosovo's page drops, and the patch finds that through the digest.
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: twice, with: once) }
        assertSameAsFullBuild(workspace, maxFiles: 12, "a word's score changed")
        let (after, afterFile) = try summaries()
        let kosovo = try XCTUnwrap(after.places.indices.first { after.places[$0].lowerBound >= beforeFile.count }, "the edited page's summary appended")
        XCTAssertNotEqual(Array(afterFile[after.places[kosovo]].prefix(SearchTermFilter.digestBytes)),
                          Array(beforeFile[before.places[kosovo]].prefix(SearchTermFilter.digestBytes)))
        let scoredOnce = try XCTUnwrap(postings(workspace.output))

        // Back to two, with the kept digest made to say the page scores as it
        // will: the zyxquorum list is left as it was, with the old score.
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: once, with: twice) }
        var lying = afterFile
        lying.replaceSubrange(after.places[kosovo].lowerBound..<(after.places[kosovo].lowerBound + SearchTermFilter.digestBytes),
                              with: beforeFile[before.places[kosovo]].prefix(SearchTermFilter.digestBytes))
        try Data(lying).write(to: URL(fileURLWithPath: folder + "/t"))
        XCTAssertNil(workspace.incremental().fullBuildReason)
        XCTAssertEqual(postings(workspace.output), scoredOnce, "the digest decided: the list was not read")
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertNotEqual(postings(workspace.reference), scoredOnce, "a full build scores the word twice")

        // With a true digest again, a full build's bytes.
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: twice, with: once) }
        assertSameAsFullBuild(workspace, maxFiles: 12, "the word's score changed back")
        try workspace.edit("countries/xk.md") { $0.replacingOccurrences(of: once, with: twice) }
        assertSameAsFullBuild(workspace, maxFiles: 12, "and again")
    }

    func testRetitlingAListedPageReindexesTheUnchangedPageThatListsIt() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.edit("countries/ir.md") {
            $0.replacingOccurrences(of: "\nregion: near-east", with: "\nregion: near-east\nproducts: [spyware]")
        }
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        try workspace.edit("products/spyware.md") {
            $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Zyxquorum ", options: [], range: nil)
        }
        assertSameAsFullBuild(workspace, "a listed product retitled")
        let record = Workspace.files(workspace.output + "/search/d").values
            .map { String(decoding: $0, as: UTF8.self) }.first { $0.contains("\"u\":\"countries/ir.html\"") }
        XCTAssertTrue(record?.contains("Zyxquorum") ?? false, "Iran's record names the product's new title")

        // The other way: a product listing a country whose name changes.
        try workspace.edit("products/spyware.md") {
            $0.replacingOccurrences(of: "\ncategory: internet-surveillance\n", with: "\ncategory: internet-surveillance\ncountries: [IR]\n")
        }
        assertSameAsFullBuild(workspace, "a product lists a country")
        try workspace.edit("countries/ir.md") { $0.replacingOccurrences(of: "\nname: Iran\n", with: "\nname: Qwxyland Iran\n") }
        assertSameAsFullBuild(workspace, "a listed country renamed")
        let product = Workspace.files(workspace.output + "/search/d").values
            .map { String(decoding: $0, as: UTF8.self) }.first { $0.contains("\"u\":\"products/spyware.html\"") }
        XCTAssertTrue(product?.contains("Qwxyland") ?? false, "the product's record names the country's new name")
    }

    func testAnErrorWritesNothingAndIsReportedUntilFixed() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let before = Workspace.files(workspace.output)

        // Renaming a heading another page links to breaks that link: the
        // error is at the linking page, found without rebuilding everything.
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "\n## What the sources say\n", with: "\n## What the sources report\n") }
        let broken = workspace.incremental()
        XCTAssertNil(broken.fullBuildReason)
        let errors = broken.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1, "\(broken.diagnostics)")
        XCTAssertTrue(errors.first?.location.file.hasSuffix("guidance/review-end-user.md") == true, "\(errors)")
        XCTAssertTrue(errors.first?.message.contains("#what-the-sources-say") == true, "\(errors)")
        XCTAssertTrue(errors.first?.hint?.contains("#what-the-sources-report") == true, "\(errors)")
        XCTAssertEqual(Workspace.files(workspace.output), before, "a failed build writes nothing")

        // Still reported on the next run, then fixed at the link.
        XCTAssertEqual(workspace.incremental().diagnostics.filter { $0.severity == .error }.count, 1)
        try workspace.edit("guidance/review-end-user.md") { $0.replacingOccurrences(of: "cn.md#what-the-sources-say", with: "cn.md#what-the-sources-report") }
        assertSameAsFullBuild(workspace, "fixed")
    }

    func testListingPagesCopyTheirUnchangedItemsFromTheCache() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let folder = workspace.outputsFolder
        let outputs = try XCTUnwrap(OutputCache.load(folder: folder), "a full build with --incremental keeps its outputs")
        XCTAssertGreaterThanOrEqual(outputs.listings["products/index.html"]?.rows.count ?? 0, 10, "one row per product on the products index")
        XCTAssertEqual(outputs.listingFile("products/index.html").map { [UInt8]($0.bytes) },
                       FileManager.default.contents(atPath: workspace.output + "/products/index.html").map { [UInt8]($0) })
        XCTAssertEqual(outputs.searchChunks.count, 5)
        let firstTerms = try SearchTests.BuiltIndex.firstTerms(output: workspace.output)
        XCTAssertEqual(outputs.searchChunks.map(\.name), firstTerms.enumerated().map { SearchIndexFiles.chunkName(firstTerm: $1, number: $0) },
                       "the chunks kept in order, each by its name")
        for chunk in outputs.searchChunks {
            XCTAssertEqual(FileManager.default.contents(atPath: outputs.chunkPath(chunk.name)),
                           FileManager.default.contents(atPath: workspace.output + "/search/\(chunk.name).js"))
        }

        // A title is on an index, term pages, the matrix:
        // those are rendered again, but only the renamed link in each.
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ") }
        let title = assertSameAsFullBuild(workspace, "title edit")
        let items = try XCTUnwrap(title.listingItems)
        XCTAssertGreaterThan(items.copied, 100, "\(items)")
        XCTAssertGreaterThan(items.rendered, 0, "\(items)")
        XCTAssertLessThan(items.rendered, items.copied / 10, "\(items)")

        // The output folder is not read back: a listing page changed by hand
        // is replaced with the right bytes the next time it is rendered.
        let search = workspace.output + "/products/index.html"
        var html = try String(contentsOfFile: search, encoding: .utf8)
        let original = try XCTUnwrap(html.range(of: "Renamed"))
        html.replaceSubrange(original, with: "RENAMED")
        try html.write(toFile: search, atomically: true, encoding: .utf8)
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: Renamed ", with: "\ntitle: Renamed again ") }
        assertSameAsFullBuild(workspace, "title edit after products/index.html was changed by hand")

        // A kept copy that no longer fits its record is not used: that page is rendered in full.
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: outputs.listingPath("products/index.html")))
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: Renamed again ", with: "\ntitle: Renamed once more ") }
        let damagedCopy = assertSameAsFullBuild(workspace, "title edit with a damaged copy of products/index.html")
        XCTAssertGreaterThanOrEqual(damagedCopy.listingItems?.rendered ?? 0, outputs.listings["products/index.html"]?.rows.count ?? 10, "every row of products/index.html is rendered")

        // A damaged index of the outputs is not trusted: a full build.
        try Data([1, 1, 11, 0x73]).write(to: URL(fileURLWithPath: outputs.indexPath))
        XCTAssertNil(OutputCache.load(folder: folder))
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: Renamed once more ", with: "\ntitle: ") }
        let damaged = assertSameAsFullBuild(workspace, expectIncremental: false, "title edit with a damaged outputs index")
        XCTAssertEqual(damaged.fullBuildReason, "the cache of the outputs is missing or damaged")
    }

    /// The changes page copies an entry only while what it shows is the
    /// same (`ChangeLinks.reuseKey`): a country's new review date moves it
    /// there and changes its note, as in a full build.
    func testAReviewDateMovesTheCountryOnTheChangesPageAsInAFullBuild() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let before = try String(contentsOfFile: workspace.output + "/changes.html", encoding: .utf8)
        XCTAssertFalse(before.contains("reviewed 21 November 2026"), before)
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "\nreviewed: 2026-12-02", with: "\nreviewed: 2026-11-21") }
        assertSameAsFullBuild(workspace, "review date edit")
        let after = try String(contentsOfFile: workspace.output + "/changes.html", encoding: .utf8)
        XCTAssertTrue(after.contains("reviewed 21 November 2026"), after)
    }

    /// A title edit writes the big data files (the export's JSON and
    /// products table, the screening data) as splices of the files the last
    /// build wrote: each unchanged product's and country's object or row is
    /// found by the rows the cache kept and copied. A kept file changed by
    /// anything else is checked, found wrong, and written in full.
    func testTheDataFilesCopyTheObjectsOfUnchangedPages() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let folder = workspace.outputsFolder
        let outputs = try XCTUnwrap(OutputCache.load(folder: folder))
        let pageIDs = { (kind: PageKind) in
            ((try? FileManager.default.contentsOfDirectory(atPath: workspace.output + "/" + kind.folder)) ?? [])
                .filter { $0.hasSuffix(".html") && $0 != "index.html" }.map { PageID(kind, String($0.dropLast(".html".count))) }
        }
        let countries = pageIDs(.country), products = pageIDs(.product)
        XCTAssertGreaterThan(products.count, 10)
        // Each page's row is its object, or its row of the table, in the file as written.
        for (path, ids) in [("data/diligence.json", countries + products), ("data/screening.js", countries + products),
                            ("data/products.csv", products)] {
            let record = try XCTUnwrap(outputs.listings[path], path)
            let file = try XCTUnwrap(FileBytes.read(workspace.output + "/" + path))
            XCTAssertEqual(record.size, file.count, path)
            let rows = Dictionary(record.rows.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            for id in ids {
                let row = try XCTUnwrap(rows[KeptPieces.key(id)], "\(path): \(id)")
                let piece = Data(file[row.start..<row.end])
                if path.hasSuffix(".csv") {
                    XCTAssertTrue(piece.starts(with: Data((id.slug + ",").utf8)), "\(path): \(id)")
                    XCTAssertTrue(piece.suffix(2).elementsEqual([0x0D, 0x0A]), "\(path): \(id)")
                } else {
                    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: piece) as? [String: Any], "\(path): \(id)")
                    XCTAssertEqual(object["id"] as? String, id.slug, path)
                }
            }
        }

        // A title: one product's object and row written again, every other one copied.
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ") }
        let spliced = try XCTUnwrap(assertSameAsFullBuild(workspace, "title edit").listingItems)
        // The kept JSON file changed by hand at the same size: not trusted, written in full.
        let json = outputs.listingPath("data/diligence.json")
        var damaged = try XCTUnwrap(FileBytes.read(json))
        let first = try XCTUnwrap(outputs.listings["data/diligence.json"]?.rows.first)
        XCTAssertEqual(damaged[first.start], UInt8(ascii: "{"))
        damaged[first.start] = UInt8(ascii: " ")
        try Data(damaged).write(to: URL(fileURLWithPath: json))
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: Renamed ", with: "\ntitle: Renamed again ") }
        let written = try XCTUnwrap(assertSameAsFullBuild(workspace, "title edit with a damaged copy of data/diligence.json").listingItems)
        XCTAssertLessThan(spliced.rendered, 10, "\(spliced)")
        XCTAssertGreaterThanOrEqual(written.rendered, countries.count + products.count,
                                    "the damaged file's objects are written, not copied: \(spliced) then \(written)")
        XCTAssertGreaterThanOrEqual(written.copied, 2 * (products.count - 1) + countries.count, "the other files still copy theirs")
    }

    func testAPlainBuildOrABrokenCacheMeansAFullBuild() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let cacheFile = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cacheFile))

        // A build without --incremental replaces the output: the cache no longer describes it.
        XCTAssertFalse(SiteBuilder(options: workspace.options(output: workspace.output, incremental: false)).build().diagnostics.hasErrors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cacheFile))
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")

        // A truncated cache is not trusted.
        let data = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cacheFile))
        try workspace.edit("pages/about.md") { $0 + "\nMore.\n" }
        assertSameAsFullBuild(workspace, expectIncremental: false, "truncated cache")
    }

    func testADamagedSearchIndexInTheCacheMeansAFullBuildNotACrash() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        // The first kept chunk has lost its last byte: its size and hash no longer match.
        let folder = workspace.outputsFolder
        let outputs = try XCTUnwrap(OutputCache.load(folder: folder))
        let chunk = outputs.chunkPath(try XCTUnwrap(outputs.searchChunks.first).name)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: chunk))
        try bytes.dropLast().write(to: URL(fileURLWithPath: chunk), options: .atomic)
        // A page added whose words reach the first chunk ("0000" sorts first).
        try "---\ntitle: Aardvark\nsummary: A page.\n---\nText 0000.\n".write(
            toFile: workspace.content + "/pages/aardvark.md", atomically: true, encoding: .utf8)
        let report = assertSameAsFullBuild(workspace, expectIncremental: false, "damaged search chunk")
        XCTAssertEqual(report.fullBuildReason, "the search index the cache kept cannot be read (unreadable(\"chunk 1 of the search index\"))")
    }

    /// A patch reads the kept chunks an edit reaches (a term of the edited
    /// page comes, goes or scores otherwise in their range) and names the
    /// others as they were, unread; a page added or removed moves no other
    /// page's number (`SearchNumbering`), or a few, and reads the chunks of
    /// its terms (and of theirs), not all of them.
    func testAPatchReadsOnlyTheKeptChunksAnEditReaches() throws {
        var workspace = try Workspace()
        defer { workspace.remove() }
        workspace.searchChunkBytes = 1_024
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let total = try XCTUnwrap(OutputCache.load(folder: workspace.outputsFolder)).searchChunks.count
        XCTAssertGreaterThan(total, 80)
        XCTAssertTrue(try XCTUnwrap(OutputCache.load(folder: workspace.outputsFolder)).searchChunks.allSatisfy { $0.start != nil },
                      "each kept chunk's start and terms known")
        func assertReadSome(_ what: String, line: UInt = #line) {
            let report = assertSameAsFullBuild(workspace, what, line: line)
            guard let chunks = report.searchChunksRead else { return XCTFail("\(what): the index was not patched", line: line) }
            XCTAssertEqual(chunks.of, total, what, line: line)
            XCTAssertGreaterThan(chunks.read, 0, what, line: line)
            XCTAssertLessThan(chunks.read, total / 2, "\(what): \(chunks.read) of \(total) chunks read", line: line)
        }
        try workspace.edit("pages/about.md") { $0 + "\nA sentence about quokkas and zebus.\n" }
        assertReadSome("a sentence with new words")
        try workspace.edit("pages/about.md") { $0.replacingOccurrences(of: "\nA sentence about quokkas and zebus.\n", with: "\n") }
        assertReadSome("the sentence taken out: two words go from the index")
        try workspace.edit("products/drones.md") { $0.replacingOccurrences(of: "title: \"Drones", with: "title: \"Aerial drones") }
        let retitled = assertSameAsFullBuild(workspace, "a product retitled")
        XCTAssertLessThan(try XCTUnwrap(retitled.searchChunksRead).read, total / 2)
        try "---\ntitle: Aardvark\nsummary: A page.\n---\nText.\n".write(
            toFile: workspace.content + "/pages/aardvark.md", atomically: true, encoding: .utf8)
        assertReadSome("a page added")
        try FileManager.default.removeItem(atPath: workspace.content + "/pages/aardvark.md")
        assertReadSome("a page removed")
        try "---\ntitle: Sensors\nsummary: A page.\n---\nSensors for the border.\n".write(
            toFile: workspace.content + "/pages/sensors.md", atomically: true, encoding: .utf8)
        assertReadSome("a page added again")
    }

    /// A page added that takes the slot of a page already there moves it
    /// to another number (`SearchNumbering`). The moved page, unedited, has
    /// the score digest it had, so its old postings are under the terms it
    /// is given again under, and the patch looks for them there and nowhere
    /// else: not through its term filter, which here is made to say the page
    /// is in every list (through it, every chunk would be read).
    func testAPageMovedByAnAddedOneIsLookedForUnderItsOwnTermsNotThroughItsFilter() throws {
        var workspace = try Workspace()
        defer { workspace.remove() }
        workspace.searchChunkBytes = 256
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let folder = workspace.outputsFolder
        let total = try XCTUnwrap(OutputCache.load(folder: folder)).searchChunks.count
        // The `pages/` folder's pages share a table; a slug whose page moves one of them.
        let slugs = try FileManager.default.contentsOfDirectory(atPath: workspace.content + "/pages")
            .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
        // Their slots in the table, and where the table begins (from the name tables written: `n-<k>.js`, 64 names each).
        func numbers(_ slugs: [String]) -> [String: Int] {
            let ids = slugs.map { PageID(.page, $0) }
            let numbering = SearchNumbering(names: SearchRecordNames(ids).names, groups: ids.map { SearchNumbering.group($0.kind, .page) })
            return Dictionary(uniqueKeysWithValues: zip(slugs, numbering.numbers))
        }
        func published(_ slug: String) throws -> Int {
            let name = SearchRecordNames.name(PageID(.page, slug), attempt: 0)
            for table in 0..<64 {
                guard let text = try? String(contentsOfFile: workspace.output + "/search/n-\(table).js", encoding: .utf8),
                      let open = text.range(of: "\",\""), let at = text.range(of: name, range: open.upperBound..<text.endIndex) else { continue }
                return table * SearchNameTables.perTable + text.distance(from: open.upperBound, to: at.lowerBound) / SearchRecordNames.length
            }
            throw CocoaError(.fileReadNoSuchFile)
        }
        let slots = numbers(slugs)
        let base = try published(slugs[0]) - slots[slugs[0]]!
        XCTAssertEqual(try slugs.map(published), slugs.map { slots[$0]! + base }, "the table's numbers as published")
        let added = try XCTUnwrap((0..<20_000).lazy.map { "moving-\($0)" }.first { slug in
            let after = numbers(slugs + [slug])
            return slugs.filter { slots[$0] != after[$0] }.count == 1
        })
        let after = numbers(slugs + [added])
        let moved = try XCTUnwrap(slugs.first { slots[$0] != after[$0] })
        let page = workspace.content + "/pages/\(added).md"
        func add() throws { try "---\ntitle: Moving\nsummary: A page.\n---\nText.\n".write(toFile: page, atomically: true, encoding: .utf8) }
        // Added with every filter as kept, then taken out again.
        try add()
        let control = try XCTUnwrap(assertSameAsFullBuild(workspace, "\(added) added, moving \(moved)").searchChunksRead)
        XCTAssertLessThan(control.read, total)
        try FileManager.default.removeItem(atPath: page)
        assertSameAsFullBuild(workspace, "\(added) removed")
        // The moved page's kept filter (after its digest) made all ones: it
        // "may hold" every term. Added again, the patch reads the same chunks.
        let kept = try XCTUnwrap(try XCTUnwrap(OutputCache.load(folder: folder)).termFilters)
        var file = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: folder + "/t")))
        let filters = try XCTUnwrap(SearchTermFilters(file: CacheBytes(copying: file), table: kept.table))
        let place = filters.places[slots[moved]! + base]
        XCTAssertGreaterThan(place.count, SearchTermFilter.digestBytes, "\(moved) has a filter")
        for i in (place.lowerBound + SearchTermFilter.digestBytes)..<place.upperBound { file[i] = 0xFF }
        try Data(file).write(to: URL(fileURLWithPath: folder + "/t"))
        try add()
        let chunks = try XCTUnwrap(assertSameAsFullBuild(workspace, "\(added) added again").searchChunksRead)
        XCTAssertEqual(chunks.read, control.read, "\(chunks.read) of \(total) chunks read: the moved page's filter was consulted")

        // Edited as well as moved, its digest differs: its filter is what finds a word it lost.
        try FileManager.default.removeItem(atPath: page)
        try workspace.edit("pages/\(moved).md") { $0 + "\nA zyxquorum.\n" }
        assertSameAsFullBuild(workspace, "\(added) removed, \(moved) edited")
        try add()
        try workspace.edit("pages/\(moved).md") { $0.replacingOccurrences(of: "\nA zyxquorum.\n", with: "\n") }
        assertSameAsFullBuild(workspace, "\(added) added, \(moved) moved and its word taken out")
        XCTAssertFalse(Self.chunkText(workspace).contains("zyxquorum"))
    }

    func testAKeptPostingThatNamesNoPageMeansAFullBuildNotACrash() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        // A posting's number delta of two digits or more becomes "zz…"
        // (1,295 or more, past the last number of 69 pages), and the index records
        // the new bytes: the chunk passes every check and parses, and only
        // renumbering finds it wrong, after pages were written in place.
        let folder = workspace.outputsFolder
        var outputs = try XCTUnwrap(OutputCache.load(folder: folder))
        let chunk = outputs.chunkPath(try XCTUnwrap(outputs.searchChunks.first).name)
        let text = try XCTUnwrap(String(data: try Data(contentsOf: URL(fileURLWithPath: chunk)), encoding: .isoLatin1))
        // The first posting of a word's list (a stem key of letters that
        // stems to itself), which a page added with that word reaches.
        let entry = try XCTUnwrap(text.range(of: #""[a-z]{4,}":"[0-9a-z]{2,},"#, options: .regularExpression))
        let word = String(text[entry].dropFirst().prefix { $0 != "\"" })
        let range = try XCTUnwrap(text.range(of: #"(?<=":")[0-9a-z]{2,}(?=,)"#, options: .regularExpression, range: entry))
        let damaged = try XCTUnwrap(text.replacingCharacters(
            in: range, with: String(repeating: "z", count: text.distance(from: range.lowerBound, to: range.upperBound))).data(using: .isoLatin1))
        try damaged.write(to: URL(fileURLWithPath: chunk), options: .atomic)
        outputs.searchChunks[0].fingerprint = OutputCache.Fingerprint([UInt8](damaged))
        XCTAssertEqual(rename(try outputs.writeIndex(fileSystem: .real), outputs.indexPath), 0)
        // A page added with that word: its posting goes into the damaged list.
        try "---\ntitle: Aardvark\nsummary: A page.\n---\nText with \(word).\n".write(
            toFile: workspace.content + "/pages/aardvark.md", atomically: true, encoding: .utf8)
        let report = assertSameAsFullBuild(workspace, expectIncremental: false, "a kept posting that names no page (\(word))")
        XCTAssertTrue(report.fullBuildReason?.hasPrefix("the search index the cache kept cannot be read") == true,
                      report.fullBuildReason ?? "no reason")
    }

    func testARecordNameTakenByANewPageMeansAFullBuild() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // These two ids hash to the same record name ("66ldse"); the first in
        // page order keeps it.
        func add(_ slug: String) throws {
            try "---\ntitle: Page \(slug)\nsummary: A page.\n---\nText.\n".write(
                toFile: workspace.content + "/pages/\(slug).md", atomically: true, encoding: .utf8)
        }
        try add("page-73391")
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.output + "/search/d/66ldse.js"))
        try add("page-2145")
        let report = assertSameAsFullBuild(workspace, expectIncremental: false, "colliding page added")
        XCTAssertEqual(report.fullBuildReason,
                       "pages/page-73391.md must take another search record name (a new page's name collides with it)")
    }

    func testCacheRecordsRoundTrip() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let path = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        let snapshot = try XCTUnwrap(BuildSnapshot.load(from: path))
        XCTAssertEqual(snapshot.pages.count, 69)
        // Each page's record, made whole, encodes back to the bytes it was read from.
        for record in snapshot.pages {
            let light = record.page
            let whole = CachedPage(path: light.path, stamp: light.stamp, sourceHash: light.sourceHash, page: light.parsed.complete(),
                                   linkableIDs: light.linkableIDs, resolved: light.resolved, diagnostics: light.diagnostics,
                                   fingerprints: light.fingerprints)
            var writer = CacheWriter(symbols: snapshot.pageIDs)
            whole.write(to: &writer)
            XCTAssertEqual(writer.bytes, record.bytes.map { $0.withUnsafeBytes { Array($0) } }, record.page.path)
        }
        // Records name pages by their number in the file's table of page ids.
        XCTAssertEqual(Set(snapshot.pageIDs.ids), Set(snapshot.pages.map(\.page.page.id)))
        var inline = CacheWriter(), numbered = CacheWriter(symbols: snapshot.pageIDs)
        snapshot.pages[0].page.resolved.write(to: &inline)
        snapshot.pages[0].page.resolved.write(to: &numbered)
        XCTAssertLessThan(numbered.bytes.count, inline.bytes.count)
        var back = CacheReader(numbered.bytes, symbols: snapshot.pageIDs.symbols)
        XCTAssertEqual(try SiteGraphBuilder.Resolved(from: &back), snapshot.pages[0].page.resolved)
        var unnamed = CacheReader(numbered.bytes)
        XCTAssertThrowsError(try SiteGraphBuilder.Resolved(from: &unnamed), "a number without its table is damage, not a page")
        // A product is decoded without its sources and lists, which come back whole when asked for.
        let spyware = try XCTUnwrap(snapshot.pages.first { $0.page.path == "products/spyware.md" }?.page)
        guard case .product(let light) = spyware.page.details else { return XCTFail("not a product") }
        XCTAssertTrue(light.redFlags.isEmpty && light.capabilities.isEmpty && spyware.page.sources.isEmpty)
        XCTAssertEqual(light.category, "internet-surveillance")
        let parsed = spyware.parsed
        guard case .product(let whole) = parsed.complete().details else { return XCTFail("not a product") }
        XCTAssertFalse(whole.redFlags.isEmpty || whole.capabilities.isEmpty || parsed.complete().sources.isEmpty)
        XCTAssertEqual(whole.redFlags.first?.value, try String(contentsOfFile: workspace.content + "/products/spyware.md", encoding: .utf8)
            .components(separatedBy: "red_flags:\n  - ").dropFirst().first.map { String($0.prefix { $0 != "\n" }).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        let china = try XCTUnwrap(snapshot.pages.first { $0.page.path == "countries/cn.md" }?.page)
        XCTAssertEqual(china.page.title, "China")
        XCTAssertTrue(china.linkableIDs.contains("what-the-sources-say"))
        guard case .country(let profile) = china.page.details else { return XCTFail("not a country") }
        XCTAssertEqual(profile.country, "CN")
        XCTAssertFalse(profile.factors.isEmpty)
    }
}
