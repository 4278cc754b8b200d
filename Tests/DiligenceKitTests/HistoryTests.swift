@testable import DiligenceContent
@testable import DiligenceKit
@testable import DiligenceRender
import Foundation
import XCTest

/// Editions and page history read from git: a temporary repository with
/// real commits, built as an editor's clone would be.
final class HistoryTests: XCTestCase {
    /// Runs git in the test site's folder with a fixed identity and date,
    /// and no user or system configuration.
    @discardableResult
    private func git(_ arguments: [String], in directory: URL, date: String = "2026-11-01T12:00:00+00:00") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false",
                             "-c", "init.defaultBranch=main", "-C", directory.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func commit(_ message: String, in site: TestSite, date: String) throws -> String {
        try git(["add", "-A"], in: site.root)
        try git(["commit", "-q", "-m", message], in: site.root, date: date)
        return try git(["rev-parse", "HEAD"], in: site.root)
    }

    /// A site in a repository with two commits: the first adds everything,
    /// the second changes only the country profile.
    private func twoCommitSite() throws -> (TestSite, first: String, second: String) {
        let site = try TestSite(files: [
            "guidance/one.md": Pages.guidance(), "products/face.md": Pages.product(),
            "countries/cn.md": Pages.country(),
        ])
        try git(["init", "-q"], in: site.root)
        let first = try commit("Add the first pages", in: site, date: "2026-11-01T12:00:00+00:00")
        try site.write("countries/cn.md", Pages.country(body: "## Basis\n\nCorrected text.\n"))
        let second = try commit("Correct China's basis", in: site, date: "2026-11-20T09:30:00+00:00")
        return (site, first, second)
    }

    func testPagesShowTheirOwnChangesAndTheEditionFromTwoCommits() throws {
        let (site, first, second) = try twoCommitSite()
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.diagnostics.errorCount, 0, TestSite.lines(report, in: site).joined(separator: "\n"))
        XCTAssertEqual(report.notes, [])

        let country = try site.outputText("countries/cn.html")
        XCTAssertTrue(country.contains("<p>Last changed on <time datetime=\"2026-11-20\">20 November 2026</time> in commit <code title=\"\(second)\">\(second.prefix(7))</code>.</p>"), country)
        let newer = try XCTUnwrap(country.range(of: "Correct China’s basis") ?? country.range(of: "Correct China&#39;s basis") ?? country.range(of: "Correct China's basis"))
        let older = try XCTUnwrap(country.range(of: "Add the first pages"))
        XCTAssertLessThan(newer.lowerBound, older.lowerBound, "newest change first")
        // Both the editor's review date and the last change are shown.
        XCTAssertTrue(country.contains("<dt>Reviewed</dt><dd><time datetime=\"2026-06-01\">"), "review date shown")
        // Every page names the content's edition: the newest commit.
        XCTAssertTrue(country.contains("Edition <code title=\"\(second)\">\(second.prefix(7))</code> of <time datetime=\"2026-11-20\">20 November 2026</time>."))

        let product = try site.outputText("products/face.html")
        XCTAssertTrue(product.contains("in commit <code title=\"\(first)\">\(first.prefix(7))</code>"), "the product's own last change")
        XCTAssertFalse(product.contains("Correct China"), "a page lists only the commits that changed its file")
        XCTAssertTrue(product.contains("Edition <code title=\"\(second)\">"), "the edition is the site's, on every page")

        let changes = try site.outputText("changes.html")
        XCTAssertTrue(changes.contains("changed 20 November 2026: Correct China"), changes)
        let feed = try site.outputText("feed.xml")
        XCTAssertTrue(feed.contains("<updated>2026-11-20T00:00:00Z</updated>"))
        XCTAssertTrue(feed.contains("Changed 20 November 2026: Correct China&#39;s basis (\(second.prefix(7)))") || feed.contains("Changed 20 November 2026: Correct China's basis"), feed)

        // The data export names its edition.
        let export = try JSONSerialization.jsonObject(with: Data(try site.outputText("data/diligence.json").utf8)) as? [String: Any]
        let edition = try XCTUnwrap(export?["edition"] as? [String: Any])
        XCTAssertEqual(edition["commit"] as? String, second)
        XCTAssertEqual(edition["date"] as? String, "2026-11-20")
        XCTAssertEqual(edition["uncommitted"] as? Bool, false)

        // The screening record carries each page's last change.
        let data = try site.outputText("data/screening.js")
        XCTAssertTrue(data.contains("\"lastChanged\":\"20 November 2026 (\(second.prefix(7)))\""))
    }

    func testSameCommitBuildsTheSameBytes() throws {
        let (site, _, _) = try twoCommitSite()
        defer { site.remove() }
        site.build()
        XCTAssertGreaterThan(try FileManager.default.subpathsOfDirectory(atPath: site.output).count, 10)
        try assertSameAsAFullBuild(site)
    }

    func testUncommittedChangesAreNamedInTheEdition() throws {
        let (site, _, second) = try twoCommitSite()
        defer { site.remove() }
        try site.write("guidance/one.md", Pages.guidance(body: "## Step\n\nNot committed yet.\n"))
        site.build()
        let page = try site.outputText("guidance/one.html")
        XCTAssertTrue(page.contains("Edition <code title=\"\(second)\">\(second.prefix(7))</code> of <time datetime=\"2026-11-20\">20 November 2026</time>, with uncommitted changes."), page)
    }

    func testIncrementalBuildShowsANewCommit() throws {
        let (site, _, _) = try twoCommitSite()
        defer { site.remove() }
        var options = site.options
        options.incremental = true
        options.cacheDirectory = site.root.appendingPathComponent("cache").path
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        try site.write("products/face.md", Pages.product(body: "Edited body.\n"))
        let third = try commit("Reword the product", in: site, date: "2026-11-25T08:00:00+00:00")
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.errorCount, 0)
        XCTAssertEqual(report.fullBuildReason,
                       "the content's git history changed (a commit, or the first uncommitted change or the last one undone): every page shows the edition")
        let product = try site.outputText("products/face.html")
        XCTAssertTrue(product.contains("Reword the product <code title=\"\(third)\">"), product)
        let country = try site.outputText("countries/cn.html")
        XCTAssertTrue(country.contains("Edition <code title=\"\(third)\">"), "the new edition reaches pages whose file did not change")
    }

    /// Incremental builds of `site` (cache in `cache/`), and a full build
    /// from nothing into `full/` to compare each with.
    private func incrementalOptions(_ site: TestSite) -> BuildOptions {
        var options = site.options
        options.incremental = true
        options.cacheDirectory = site.root.appendingPathComponent("cache").path
        return options
    }

    /// Every file of the build's output, byte for byte a full build's.
    private func assertSameAsAFullBuild(_ site: TestSite, file: StaticString = #filePath, line: UInt = #line) throws {
        var options = site.options
        options.output = site.root.appendingPathComponent("full").path
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0, file: file, line: line)
        let built = IncrementalBuildTests.Workspace.files(site.output)
        let full = IncrementalBuildTests.Workspace.files(options.output)
        XCTAssertEqual(Set(built.keys), Set(full.keys), "not the same files", file: file, line: line)
        XCTAssertEqual(full.keys.filter { built[$0] != full[$0] }.sorted(), [], "files differ from a full build", file: file, line: line)
    }

    /// The cached log, with one subject replaced: what a build shows of it
    /// tells whether it read the cache or asked git.
    private func markCachedLog(_ options: BuildOptions, replacing subject: String, with mark: String) throws {
        let path = GitLogCache.path(cacheDirectory: options.cacheDirectory, content: options.content)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains(subject), "the incremental build kept the log in \(path)")
        try text.replacingOccurrences(of: subject, with: mark).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// At the same commit the log comes from the cache; after commits on
    /// top of it, git is asked only for theirs. Either way the pages are a
    /// full build's.
    func testIncrementalBuildsReadOnlyTheNewCommitsOfTheLog() throws {
        let (site, _, _) = try twoCommitSite()
        defer { site.remove() }
        let options = incrementalOptions(site)
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        try assertSameAsAFullBuild(site)

        try site.write("products/face.md", Pages.product(body: "Edited body.\n"))
        _ = try commit("Reword the product", in: site, date: "2026-11-25T08:00:00+00:00")
        try site.write("guidance/one.md", Pages.guidance(body: "## Step\n\nRevised.\n"))
        let fourth = try commit("Revise the step", in: site, date: "2026-11-26T08:00:00+00:00")
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        try assertSameAsAFullBuild(site)
        XCTAssertTrue(try site.outputText("guidance/one.html").contains("Revise the step <code title=\"\(fourth)\">"))

        // Marked in the cache, the oldest commit's subject shows: the old
        // log was not read from git again, at the same commit or after a new one.
        try markCachedLog(options, replacing: "Add the first pages", with: "Added (from the cache)")
        try site.write("countries/cn.md", Pages.country(body: "## Basis\n\nCorrected again.\n"))
        let fifth = try commit("Correct the basis again", in: site, date: "2026-11-27T08:00:00+00:00")
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        let country = try site.outputText("countries/cn.html")
        XCTAssertTrue(country.contains("Added (from the cache)"), country)
        XCTAssertTrue(country.contains("Correct the basis again <code title=\"\(fifth)\">"), country)
    }

    /// With git history the changes page lists every committed page, and
    /// an uncommitted title edit after the first uncommitted change is an
    /// incremental build: the page's entry shows the new title, the others
    /// keep their commits' notes, and the bytes are a full build's.
    func testAnUncommittedTitleEditRenamesItsEntryOnTheChangesPage() throws {
        let (site, _, second) = try twoCommitSite()
        defer { site.remove() }
        let options = incrementalOptions(site)
        try site.write("guidance/one.md", Pages.guidance(body: "## Step\n\nNot committed yet.\n"))
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        try site.write("products/face.md", Pages.product().replacingOccurrences(of: "title: Face recognition", with: "title: Face matching"))
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.errorCount, 0)
        XCTAssertNil(report.fullBuildReason)
        let changes = try site.outputText("changes.html")
        XCTAssertTrue(changes.contains("Face matching"), changes)
        XCTAssertFalse(changes.contains("Face recognition"), changes)
        XCTAssertTrue(changes.contains("changed 20 November 2026: Correct China"), changes)
        XCTAssertTrue(changes.contains(String(second.prefix(7))), changes)
        try assertSameAsAFullBuild(site)
    }

    /// A merge, or HEAD moved back, is not commits on top of the cached
    /// log: the whole log is read again.
    func testAMergeOrAResetReadsTheWholeLog() throws {
        let (site, first, _) = try twoCommitSite()
        defer { site.remove() }
        let options = incrementalOptions(site)
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)

        try markCachedLog(options, replacing: "Add the first pages", with: "Added (from the cache)")
        try git(["checkout", "-q", "-b", "side", first], in: site.root)
        try site.write("products/face.md", Pages.product(body: "From the side branch.\n"))
        _ = try commit("Side change", in: site, date: "2026-11-21T08:00:00+00:00")
        try git(["checkout", "-q", "main"], in: site.root)
        try git(["merge", "-q", "--no-ff", "-m", "Merge the side branch", "side"], in: site.root, date: "2026-11-22T08:00:00+00:00")
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        XCTAssertFalse(try site.outputText("countries/cn.html").contains("from the cache"), "a merge reads the whole log")
        XCTAssertTrue(try site.outputText("products/face.html").contains("Side change"))
        try assertSameAsAFullBuild(site)

        try markCachedLog(options, replacing: "Add the first pages", with: "Added (from the cache)")
        try git(["reset", "-q", "--hard", first], in: site.root)
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        XCTAssertFalse(try site.outputText("countries/cn.html").contains("from the cache"), "HEAD moved back: the whole log")
        XCTAssertFalse(try site.outputText("products/face.html").contains("Side change"))
        try assertSameAsAFullBuild(site)
    }

    func testOutsideARepositoryTheEditionIsTheBuildDateAndANote() throws {
        let site = try TestSite(files: ["guidance/one.md": Pages.guidance()])
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.notes.count, 1)
        XCTAssertTrue(report.notes[0].contains("is not in a git work tree"), report.notes[0])
        XCTAssertEqual(report.diagnostics.errorCount, 0)
        let page = try site.outputText("guidance/one.html")
        XCTAssertTrue(page.contains("Edition of <time datetime=\"2026-12-02\">2 December 2026</time>."), page)
        XCTAssertFalse(page.contains("class=\"history\""))

        var options = site.options
        options.sourceDate = PartialDate(year: 2026, month: 1, day: 15)
        _ = SiteBuilder(options: options).build()
        XCTAssertTrue(try site.outputText("guidance/one.html").contains("Edition of <time datetime=\"2026-01-15\">15 January 2026</time>."),
                      "SOURCE_DATE_EPOCH dates the edition")
    }

    func testAShallowCloneIsANoteAndShowsNoHistory() throws {
        let (site, _, second) = try twoCommitSite()
        defer { site.remove() }
        let clone = site.root.appendingPathComponent("clone")
        try git(["clone", "-q", "--depth", "1", "file://" + site.root.path, clone.path], in: site.root)
        var options = site.options
        options.content = clone.appendingPathComponent("content").path
        options.output = site.root.appendingPathComponent("clone-public").path
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.errorCount, 0)
        XCTAssertTrue(report.notes.first?.contains("shallow clone") == true, "\(report.notes)")
        let page = try String(contentsOfFile: options.output + "/products/face.html", encoding: .utf8)
        XCTAssertFalse(page.contains("class=\"history\""), "a shallow clone's history would be wrong")
        XCTAssertTrue(page.contains("Edition <code title=\"\(second)\">"), "the edition still names the commit")
    }

    func testLogParsing() {
        let log = "\u{1E}aaaaaaaaaa\u{1F}2026-11-20\u{1F}Fix: a, b\0\ncountries/cn.md\0pages/über uns.md\0"
            + "\u{1E}bbbbbbbbbb\u{1F}2026-11-01\u{1F}First\0\ncountries/cn.md\0"
            + "\u{1E}cccccccccc\u{1F}not a date\u{1F}Skipped\0\ncountries/cn.md\0"
            + "\u{1E}dddddddddd\u{1F}2026-10-01\u{1F}Übersetzung: \u{1F}ü\0\n"
        let (commits, files) = GitHistoryReader.parse(log)
        XCTAssertEqual(commits.map(\.subject), ["Fix: a, b", "First", "Übersetzung: \u{1F}ü"])
        XCTAssertEqual(commits.map(\.shortHash), ["aaaaaaa", "bbbbbbb", "ddddddd"])
        XCTAssertEqual(files["countries/cn.md"], [0, 1])
        XCTAssertEqual(files["pages/über uns.md"], [0])
        let (shallow, none) = GitHistoryReader.parse("eeeeeeeeee\u{1F}2026-11-30\u{1F}Last\n", shallow: true)
        XCTAssertEqual(shallow.map(\.subject), ["Last"])
        XCTAssertEqual(shallow.map(\.date.description), ["2026-11-30"])
        XCTAssertEqual(none, [:])
    }

    /// A translation is out of date when its original was committed after
    /// it, whatever the files' `updated` dates say; `check` tells the editor.
    func testATranslationCommittedBeforeItsOriginalChangedIsOutOfDate() throws {
        let site = try TestSite(files: [
            "guidance/one.md": Pages.guidance(),
            "guidance/one.fr.md": "---\ntitle: Étape 1\nupdated: 2026-12-01\n---\n## Étape\n\nTexte.\n",
        ], site: TestSite.siteYAML + LanguageTests.french)
        defer { site.remove() }
        _ = try git(["init", "-q"], in: site.root)
        _ = try commit("Add the step and its translation", in: site, date: "2026-11-01T12:00:00+00:00")
        func staleness() -> [String] {
            TestSite.lines(site.check(), in: site).filter { $0.contains("out of date") }
        }
        XCTAssertEqual(staleness(), [])
        try site.write("guidance/one.md", Pages.guidance(body: "## Step\n\nText, revised.\n"))
        _ = try commit("Revise the step", in: site, date: "2026-11-20T12:00:00+00:00")
        XCTAssertEqual(staleness(), [
            "guidance/one.fr.md:1:1: warning: this translation may be out of date: the original (\(site.content)/guidance/one.md) was last changed (git) on 2026-11-20, the translation on 2026-11-01",
        ])
        try site.write("guidance/one.fr.md", "---\ntitle: Étape 1\nupdated: 2026-11-25\n---\n## Étape\n\nTexte revu.\n")
        _ = try commit("Bring the translation in line", in: site, date: "2026-11-25T12:00:00+00:00")
        XCTAssertEqual(staleness(), [])
    }
}
