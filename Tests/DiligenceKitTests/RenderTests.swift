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

/// What the built pages contain: golden pages of each kind, escaping, safe
/// Markdown, heading ids, and links that work from the file system.
final class RenderTests: XCTestCase {
    /// Compares built pages with the files in Fixtures/golden. Run with
    /// UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
    func testGoldenPagesOfEachKind() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        let golden = TestSite.fixtures.appendingPathComponent("golden")
        for page in ["guidance/review-end-user.html", "products/facial-recognition.html", "countries/cn.html",
                     "pages/about.html", "countries/index.html", "index.html"] {
            let built = try site.outputText(page)
            let goldenFile = golden.appendingPathComponent(page.replacingOccurrences(of: "/", with: "--"))
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
                try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
                try built.write(to: goldenFile, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: goldenFile, encoding: .utf8)
            XCTAssertEqual(built, expected, "\(page) differs from its golden file")
        }
    }

    func testCountryPageShowsEveryField() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        site.build()
        let html = try site.outputText("countries/cn.html")
        for expected in [
            "<strong>Review overdue.</strong> This profile was last reviewed on 1 January 2024, more than 12 months ago",
            "<span class=\"risk risk-high risk-rank-3\">High risk</span>",
            "<a href=\"../regions/east-asia-pacific.html\">East Asia and Pacific</a>",
            "<tr class=\"status-present\"><th scope=\"row\">Record of human rights abuses</th><td><span class=\"status\">Present</span></td>",
            "<a href=\"#source-2\">Source 2</a>",
            "<strong>US government</strong>: Business advisory on Xinjiang supply chains",
            "(in force from July 2020) — <a class=\"cite\" href=\"#source-1\">Source 1</a>",
            // The rating's basis next to the rating; a concern with its basis and source.
            "<p class=\"risk-basis\"><span class=\"label\">Basis:</span> Country rule, high: one factor is present (documented abuses, <a href=\"#source-2\">source 2</a>) and the profile records a concern.</p>",
            "<p class=\"basis\">The US government stated that private-sector surveillance equipment is used against minorities in Xinjiang. <span class=\"cited\">Source: <a class=\"cite\" href=\"#source-2\">Source 2</a></span></p>",
            // Products of concern from both sides: the country lists spyware, facial recognition lists the country.
            "<li><a href=\"../products/facial-recognition.html\">Facial recognition software</a>",
            "<li><a href=\"../products/spyware.html\">Spyware and intrusion software</a>",
            "<li id=\"source-2\">ShareAmerica (French edition), article on the 2020 guidance, US Department of State, October 2020 (ShareAmerica, October 2020)</li>",
            "<time datetime=\"2024-01-01\">1 January 2024</time>",
        ] {
            XCTAssertTrue(html.contains(expected), "missing: \(expected)")
        }
    }

    func testProductPageShowsEveryField() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        site.build()
        let html = try site.outputText("products/imsi-catchers.html")
        for expected in [
            "<dt>Category</dt><dd><a href=\"../categories/location-tracking.html\">Non-cooperative location tracking</a></dd>",
            "<h2 id=\"red-flags\">Red flags in a transaction</h2>",
            "<tr><td><a href=\"../regimes/wassenaar.html\">Wassenaar Arrangement participating state</a></td><td>5.A.1.f</td><td>Mobile telecommunications interception equipment, such as IMSI catchers.</td></tr>",
            "<li><a href=\"../guidance/review-product-capabilities.html\">Review the product&#39;s capabilities</a></li>",
            "<a href=\"../assets/checklist.txt\">checklist</a>",
        ] {
            XCTAssertTrue(html.contains(expected), "missing: \(expected)")
        }
        let face = try site.outputText("products/facial-recognition.html")
        XCTAssertTrue(face.contains("<li><a href=\"../countries/cn.html\">China</a>"))
        XCTAssertTrue(face.contains("<li><a href=\"../countries/ir.html\">Iran</a> <span class=\"risk risk-unknown risk-rank-0\">Not assessed</span>"))
        // List items are inline Markdown, links rewritten, no wrapping paragraph.
        XCTAssertTrue(face.contains("<li>Identifying and tracking protesters, journalists, or members of minority communities — forms of misuse the <a href=\"../guidance/state-department-guidance.html\">2020 guidance</a> names.</li>"))
    }

    func testRawHTMLAndScriptURLsNeverReachTheOutput() throws {
        let site = try TestSite(files: [
            "pages/evil.md": """
            ---
            title: Evil
            summary: Tries things.
            ---
            <script>alert(1)</script>

            <img src=x onerror="alert(2)">

            [a](javascript:alert(3)) [b](JAVASCRIPT:alert(4)) [c](vbscript:msgbox) [d](data:text/html;base64,PHNjcmlwdD4=)
            ![e](javascript:alert(5)) <a href="javascript:alert(6)">f</a> [g]( javascript:alert(7))

            ## <script>alert(8)</script> heading
            """,
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        let html = TestSite.withoutOwnScripts(try site.outputText("pages/evil.html"))
        XCTAssertFalse(html.lowercased().contains("<script"), html)
        XCTAssertFalse(html.lowercased().contains("javascript:"), html)
        XCTAssertFalse(html.lowercased().contains("vbscript:"), html)
        XCTAssertFalse(html.contains("data:text/html"), html)
        XCTAssertFalse(html.contains("onerror"), html)
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"))
    }

    func testFrontMatterStringsAreEscaped() throws {
        let site = try TestSite(files: [
            "countries/cn.md": Pages.country(name: "<script>alert(1)</script>", extra: """
            measures:
              - authority: "\\"><img src=x onerror=alert(2)>"
                measure: "<b>bold</b> and [x](javascript:alert(3))"
                source: 1
            """ + "\n").replacingOccurrences(of: "summary: A profile.", with: "summary: \"It's <em>&amp; \\\"quoted\\\"\""),
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        let html = TestSite.withoutOwnScripts(try site.outputText("countries/cn.html"))
        XCTAssertTrue(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        XCTAssertTrue(html.contains("<meta name=\"description\" content=\"It&#39;s &lt;em&gt;&amp;amp; &quot;quoted&quot;\">"))
        XCTAssertTrue(html.contains("<strong>&quot;&gt;&lt;img src=x onerror=alert(2)&gt;</strong>"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertFalse(html.contains("<b>bold</b>"))
        XCTAssertFalse(html.lowercased().contains("javascript:"))
        XCTAssertFalse(html.lowercased().contains("<script"))
    }

    func testHeadingIDsAreStableUniqueAndWorkForNonASCII() throws {
        let doc = MarkdownDocument("## État de droit\n\n## Côte d’Ivoire\n\n## Overview\n\n## Overview\n\n### 监控法\n\n## !!!\n", file: "x.md")
        XCTAssertEqual(doc.headings.map(\.id), ["etat-de-droit", "cote-divoire", "overview", "overview-1", "监控法", "section"])
        let html = doc.html()
        XCTAssertTrue(html.contains("<h2 id=\"overview-1\">Overview<a class=\"anchor\" href=\"#overview-1\""), html)
    }

    func testSmartPunctuationAndTableOfContents() throws {
        let site = try TestSite(files: [
            "pages/a.md": "---\ntitle: A\nsummary: S\n---\n## One\n\n\"Quoted\" -- it's here...\n\n### Sub\n\n## Two\n",
        ])
        defer { site.remove() }
        site.build()
        let html = try site.outputText("pages/a.html")
        XCTAssertTrue(html.contains("<p>“Quoted” – it’s here…</p>"), html)
        XCTAssertTrue(html.contains("<li><a href=\"#one\">One</a></li>\n<li class=\"sub\"><a href=\"#sub\">Sub</a></li>\n<li><a href=\"#two\">Two</a></li>"), html)
    }

    /// Opened from file://, every relative href and src must name an existing
    /// file (never a folder, which would show a listing), and every #fragment
    /// must exist on the page it names.
    func testEveryInternalLinkResolvesFromTheFileSystem() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let report = site.build()
        XCTAssertNotNil(report.publishedBytes)
        let broken = LinkAudit.brokenLinks(in: site.output)
        XCTAssertEqual(broken, [])
        XCTAssertGreaterThan(LinkAudit.count(in: site.output), 100)
    }

    func testDraftsAreLeftOutUnlessAsked() throws {
        let site = try TestSite(files: ["pages/a.md": "---\ntitle: A\nsummary: S\ndraft: true\n---\nBody\n"])
        defer { site.remove() }
        site.build()
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output + "/pages/a.html"))
        var options = site.options
        options.drafts = true
        _ = SiteBuilder(options: options).build()
        XCTAssertTrue(try site.outputText("pages/a.html").contains("<span class=\"draft\">Draft</span>"))
    }
}

/// Listings put pages in the order of the names readers see, not of their
/// files (ISO codes would put Germany before Denmark).
final class ListingOrderTests: XCTestCase {
    func testCountriesAreListedByNameOnEveryListingPage() throws {
        let site = try TestSite(files: [
            "guidance/one.md": Pages.guidance(extra: "related: [countries/de, countries/dk, countries/at]\n"),
            "countries/de.md": Pages.country(code: "DE", name: "Germany"),
            "countries/dk.md": Pages.country(code: "DK", name: "Denmark"),
            "countries/at.md": Pages.country(code: "AT", name: "Österreich"),
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.diagnostics.errorCount, 0, TestSite.lines(report, in: site).joined(separator: "\n"))
        for page in ["matrix.html", "countries/index.html", "regions/east-asia-pacific.html", "index.html", "review.html"] {
            let html = try site.outputText(page)
            let positions = ["Denmark", "Germany", "Österreich"].map { html.range(of: ">" + $0 + "<")?.lowerBound }
            XCTAssertFalse(positions.contains(nil), "\(page) lists all three")
            let found = positions.compactMap { $0 }
            XCTAssertEqual(found, found.sorted(), "\(page): Denmark, Germany, Österreich (accents folded), not by ISO code")
        }
    }
}
