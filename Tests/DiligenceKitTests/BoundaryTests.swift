@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceRender
import Foundation
import XCTest

/// Each rule at its boundary (the last value on one side, the first on the
/// other), with settings other than the defaults every other test uses,
/// and diagnostics asserted whole: message, hint and place.
final class BoundaryTests: XCTestCase {
    /// site.yml with a review interval of 6 months instead of 12.
    static let sixMonthSite = TestSite.siteYAML.replacingOccurrences(of: "review_interval_months: 12", with: "review_interval_months: 6")

    func testReviewIsDueOnTheDayTheIntervalEnds() throws {
        // Today is 2 December 2026; the interval is 6 months.
        let site = try TestSite(files: [
            "countries/cn.md": Pages.country(code: "CN", name: "China", reviewed: "2026-06-02"),  // 6 months to the day
            "countries/jp.md": Pages.country(code: "JP", name: "Japan", reviewed: "2026-06-03"),  // one day short
            "countries/kr.md": Pages.country(code: "KR", name: "Korea", reviewed: "2026-05-02"),  // 7 months
            "guidance/a.md": Pages.guidance(body: "[China](../countries/cn.md) [Japan](../countries/jp.md) [Korea](../countries/kr.md)\n"),
        ], site: Self.sixMonthSite)
        defer { site.remove() }
        let report = site.build()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        let review = try site.outputText("review.html")
        func row(_ name: String) -> String? {
            review.components(separatedBy: "<tr").first { $0.contains(">\(name)</a>") }
        }
        XCTAssertTrue(row("China")?.contains("<td data-label=\"Status\">Due now</td>") == true, row("China") ?? "no row")
        XCTAssertTrue(row("China")?.hasPrefix(" class=\"overdue-row\"") == true)
        XCTAssertTrue(row("Japan")?.contains("<td data-label=\"Status\">Due in 1 month</td>") == true, row("Japan") ?? "no row")
        XCTAssertFalse(row("Japan")?.hasPrefix(" class=\"overdue-row\"") ?? true)
        XCTAssertTrue(row("Korea")?.contains("<td data-label=\"Status\">Overdue by 1 month</td>") == true, row("Korea") ?? "no row")
        XCTAssertTrue(review.contains("<p>2 of the profiles below are overdue.</p>"))
        let banner = "<strong>Review overdue.</strong> This profile was last reviewed on 2 June 2026, more than 6 months ago."
        XCTAssertTrue(try site.outputText("countries/cn.html").contains(banner))
        XCTAssertFalse(try site.outputText("countries/jp.html").contains("Review overdue."))
    }

    func testTheFooterListsEightFreePagesAndLinksTheIndexPastThat() throws {
        func footer(pages: Int) throws -> String {
            var files: [String: String] = ["guidance/a.md": Pages.guidance()]
            for i in 1...pages { files["pages/p\(i).md"] = "---\ntitle: Free page \(i)\nsummary: About.\n---\nText.\n" }
            let site = try TestSite(files: files)
            defer { site.remove() }
            XCTAssertFalse(site.build().diagnostics.hasErrors)
            let html = try site.outputText("guidance/a.html")
            let start = try XCTUnwrap(html.range(of: "<footer"))
            return String(html[start.lowerBound...])
        }
        let eight = try footer(pages: DependencyValues.footerLimit)
        XCTAssertEqual(eight.components(separatedBy: ">Free page ").count - 1, 8)
        XCTAssertFalse(eight.contains("All pages about this site"))
        let nine = try footer(pages: DependencyValues.footerLimit + 1)
        XCTAssertEqual(nine.components(separatedBy: ">Free page ").count - 1, 0)
        XCTAssertTrue(nine.contains(">All pages about this site</a>"))
    }

    func testTheHomePageListsTwelveOfAKindAndLinksTheRest() throws {
        func home(steps: Int) throws -> String {
            var files: [String: String] = [:]
            for i in 1...steps { files["guidance/s\(i).md"] = Pages.guidance(order: i) }
            let site = try TestSite(files: files)
            defer { site.remove() }
            XCTAssertFalse(site.build().diagnostics.hasErrors)
            return try site.outputText("index.html")
        }
        let twelve = try home(steps: SiteRenderer.homeListLimit)
        XCTAssertTrue(twelve.contains(">Step 12</a>"))
        XCTAssertFalse(twelve.contains("All 12 guidance pages"))
        let thirteen = try home(steps: SiteRenderer.homeListLimit + 1)
        XCTAssertTrue(thirteen.contains(">Step 12</a>"))
        XCTAssertFalse(thirteen.contains(">Step 13</a>"))
        XCTAssertTrue(thirteen.contains(">All 13 guidance pages</a>"))
    }

    func testASummaryOf300CharactersPassesAnd301IsWarnedWhole() throws {
        let exactly = String(repeating: "a", count: 300), over = String(repeating: "b", count: 301)
        let site = try TestSite(files: [
            "pages/ok.md": "---\ntitle: OK\nsummary: \(exactly)\n---\nText.\n",
            "pages/long.md": "---\ntitle: Long\nsummary: \(over)\n---\nText.\n",
        ])
        defer { site.remove() }
        let report = site.check()
        XCTAssertEqual(report.diagnostics, [
            .warning(at: SourceLocation(file: site.content + "/pages/long.md", line: 3, column: 10),
                     "summary is 301 characters, over 300",
                     hint: "shorten it: it is shown in lists, search results and link previews"),
        ])
    }

    func testAFileAtTheSizeLimitIsReadAndOneByteMoreIsRefusedWhole() throws {
        let page = "---\ntitle: A\nsummary: A page.\n---\n"
        let limit = 1000  // site.yml is under it too
        let fits = page + String(repeating: "x", count: limit - page.utf8.count)
        let site = try TestSite(files: ["pages/fits.md": fits, "pages/over.md": fits + "y"])
        defer { site.remove() }
        var options = site.options
        options.maxFileSize = limit
        let report = SiteBuilder(options: options).check()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [
            .error(at: SourceLocation(file: site.content + "/pages/over.md", line: 1, column: 1),
                   "file is 1001 bytes, over the limit of 1000 bytes",
                   hint: "split it into several pages, or raise the limit with --max-file-size"),
        ])
        XCTAssertEqual(report.pageCounts[.page], 1, "the file at the limit is published")
    }

    func testSmallSearchChunksArePatchedToTheBytesOfAFullBuild() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        defer { workspace.remove() }
        func options(_ output: String, incremental: Bool) -> BuildOptions {
            var options = workspace.options(output: output, incremental: incremental)
            options.searchChunkBytes = 600
            return options
        }
        XCTAssertFalse(SiteBuilder(options: options(workspace.output, incremental: true)).build().diagnostics.hasErrors)
        let chunks = try FileManager.default.contentsOfDirectory(atPath: workspace.output + "/search").filter { $0.hasPrefix("i-") }
        XCTAssertGreaterThan(chunks.count, 100, "600-byte chunks: many more than the default's four")
        try workspace.edit("products/spyware.md") { $0 + "\nA sentence about zyxquorum and aardwolves.\n" }
        let report = SiteBuilder(options: options(workspace.output, incremental: true)).build()
        XCTAssertNil(report.fullBuildReason)
        XCTAssertFalse(SiteBuilder(options: options(workspace.reference, incremental: false)).build().diagnostics.hasErrors)
        let incremental = IncrementalBuildTests.Workspace.files(workspace.output)
        let reference = IncrementalBuildTests.Workspace.files(workspace.reference)
        XCTAssertEqual(Set(incremental.keys), Set(reference.keys))
        XCTAssertEqual(reference.keys.filter { incremental[$0] != reference[$0] }.sorted(), [])
    }

    func testStrictModePublishesNothingWhenThereIsOneWarning() throws {
        let site = try TestSite(files: [
            "guidance/a.md": Pages.guidance(body: "[B](b.md)\n"),
            "guidance/b.md": Pages.guidance(order: 2),
            "guidance/orphan.md": Pages.guidance(order: 3),
        ])
        defer { site.remove() }
        var options = site.options
        options.strict = true
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.map(\.message), ["no other page links to guidance/a", "no other page links to guidance/orphan"])
        XCTAssertNil(report.publishedBytes)
        XCTAssertTrue(report.failed(strict: true))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output))
        options.strict = false
        XCTAssertNotNil(SiteBuilder(options: options).build().publishedBytes, "the same site is published without --strict")
    }
}
