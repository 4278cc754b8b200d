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

/// The knowledge graph as readers see it: backlinks, taxonomy pages, the risk
/// matrix, the screening data, what changed, review status, sitemap and 404.
final class CrossLinkTests: XCTestCase {
    nonisolated(unsafe) private static var built: TestSite!

    /// The fixture knowledge base, built once for the tests that only read it.
    private func fixture() throws -> TestSite {
        if let site = CrossLinkTests.built { return site }
        let site = try TestSite(fixture: "kb")
        let report = site.build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        CrossLinkTests.built = site
        return site
    }

    override class func tearDown() {
        built?.remove()
        built = nil
    }

    /// The `<main>` element of a built page, so assertions ignore the layout.
    private func main(_ path: String) throws -> String {
        let html = try fixture().outputText(path)
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    func testBacklinksAreGroupedByKindFromFrontMatterAndBody() throws {
        let cn = try main("countries/cn.html")
        // review-end-user names China in `related`; facial recognition lists it in `countries`.
        XCTAssertTrue(cn.contains("""
        <h2 id="backlinks-title">Referenced by</h2>
        <h3>Guidance</h3>
        <ul>
        <li><a href="../guidance/review-end-user.html">Review the end-user and its government</a></li>
        </ul>
        <h3>Products</h3>
        <ul>
        <li><a href="../products/facial-recognition.html">Facial recognition software</a></li>
        </ul>
        """), cn)
        // The guidance overview is linked from Markdown bodies of other kinds.
        let overview = try main("guidance/state-department-guidance.html")
        for group in ["<h3>Products</h3>", "<h3>Countries</h3>", "<h3>About</h3>"] {
            XCTAssertTrue(overview.contains(group), "missing backlink group \(group)")
        }
        XCTAssertTrue(overview.contains("<li><a href=\"../pages/about.html\">About this site</a></li>"))
    }

    func testProductAndCountryShowEachOtherWhicheverSideWroteIt() throws {
        // China lists spyware (country side); facial recognition lists China (product side).
        let cn = try main("countries/cn.html")
        XCTAssertTrue(cn.contains("<li><a href=\"../products/spyware.html\">Spyware and intrusion software</a>"))
        XCTAssertTrue(cn.contains("<li><a href=\"../products/facial-recognition.html\">Facial recognition software</a>"))
        let spyware = try main("products/spyware.html")
        XCTAssertTrue(spyware.contains("<a href=\"../countries/cn.html\">China</a>"))
    }

    func testTaxonomyPagesListTheirMembersWithSummaries() throws {
        let region = try main("regions/east-asia-pacific.html")
        XCTAssertTrue(region.contains("<h1>East Asia and Pacific</h1>"))
        XCTAssertTrue(region.contains("<li><a href=\"../countries/cn.html\">China</a> <span class=\"risk risk-high risk-rank-3\">High risk</span><p>Statements by the US government"))
        XCTAssertFalse(region.contains("countries/ir.html"))

        let high = try main("risk-levels/high.html")
        XCTAssertTrue(high.contains("<h1>High risk</h1>"))
        let productsAt = try XCTUnwrap(high.range(of: "<h2>Products</h2>")).lowerBound
        let countriesAt = try XCTUnwrap(high.range(of: "<h2>Countries</h2>")).lowerBound
        XCTAssertLessThan(productsAt, countriesAt)
        for slug in ["facial-recognition", "imsi-catchers", "spyware"] {
            XCTAssertTrue(high[productsAt..<countriesAt].contains("../products/\(slug).html"), slug)
        }
        XCTAssertTrue(high[countriesAt...].contains("../countries/cn.html"))

        let unknown = try main("risk-levels/unknown.html")
        XCTAssertTrue(unknown.contains("<h1>Not assessed</h1>"))
        XCTAssertTrue(unknown.contains("../countries/ir.html") && unknown.contains("../countries/us.html"))

        // A regime lists the countries taking part and the products it controls.
        let wassenaar = try main("regimes/wassenaar.html")
        XCTAssertTrue(wassenaar.contains("../products/imsi-catchers.html") && wassenaar.contains("../products/spyware.html"))
        XCTAssertFalse(wassenaar.contains("../products/facial-recognition.html"))
        let echri = try main("regimes/echri.html")
        XCTAssertTrue(echri.contains("<h2>Countries</h2>") && echri.contains("../countries/us.html"))

        // A term nobody uses still has a page, saying so.
        XCTAssertTrue(try main("categories/sensors.html").contains("<p class=\"notice\">No page is classified here yet.</p>"))
        // The taxonomy's own index counts pages per term.
        XCTAssertTrue(try main("risk-levels/index.html").contains("<li><a href=\"high.html\">High risk</a> <span class=\"note\">4 pages</span></li>"))
    }

    func testIndexesLinkToTheTermPagesAndPagesLinkToTheirTerms() throws {
        let countries = try main("countries/index.html")
        XCTAssertTrue(countries.contains("<section id=\"east-asia-pacific\">\n<h2><a href=\"../regions/east-asia-pacific.html\">East Asia and Pacific</a></h2>"))
        let products = try main("products/index.html")
        XCTAssertTrue(products.contains("<h2><a href=\"../categories/biometrics.html\">Biometric identification</a></h2>"))
        XCTAssertTrue(try main("countries/us.html").contains("<li><a href=\"../regimes/echri.html\">"))
        XCTAssertTrue(try main("products/imsi-catchers.html").contains("<dd><a href=\"../categories/location-tracking.html\">"))
        // Guidance steps: in order, with previous and next.
        let guidance = try main("guidance/index.html")
        let order = ["state-department-guidance", "review-product-capabilities", "review-end-user", "red-flags"]
            .map { guidance.range(of: "\($0).html")!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        let step = try main("guidance/review-end-user.html")
        XCTAssertTrue(step.contains("href=\"review-product-capabilities.html\""))
        XCTAssertTrue(step.contains("href=\"red-flags.html\""))
        // Breadcrumbs on a taxonomy page lead back through its index.
        let html = try fixture().outputText("regions/near-east.html")
        XCTAssertTrue(html.contains("<li><a href=\"../index.html\">Home</a></li>\n<li><a href=\"../regions/index.html\">Regions</a></li>\n<li aria-current=\"page\">Near East (Middle East and North Africa)</li>"))
    }

    func testRiskMatrixShowsDocumentedConcernsWithBasisAndSource() throws {
        let matrix = try main("matrix.html")
        XCTAssertTrue(matrix.contains("<p class=\"matrix-count\">2 cells with a documented concern.</p>"), matrix)
        let row = try XCTUnwrap(matrix.components(separatedBy: "\n").first { $0.hasPrefix("<tr><th scope=\"row\"><a href=\"countries/cn.html\">") })
        let cells = row.components(separatedBy: "<td").dropFirst().map { $0.hasPrefix(" class=\"concern\"") }
        // Columns in site.yml order: sensors, biometrics, data analytics,
        // internet surveillance, location tracking, recording devices. The
        // concern names a category (sensors) and a product (biometrics).
        XCTAssertEqual(cells, [true, true, false, false, false, false])
        // The rating's basis, the concern's basis and its source, visible.
        XCTAssertTrue(row.contains("<span class=\"risk-basis\">Country rule, high: one factor is present (documented abuses, source 2) and the profile records a concern.</span>"), row)
        XCTAssertTrue(row.contains("<li><a href=\"products/facial-recognition.html\">Facial recognition software</a><span class=\"basis\">The US government stated that private-sector surveillance equipment is used against minorities in Xinjiang.</span> <span class=\"cited\">Source: <a class=\"cite\" href=\"countries/cn.html#source-2\">ShareAmerica (French edition), article on the 2020 guidance</a></span></li>"), row)
        // A product naming a country in `countries` is no documented concern.
        let iran = try XCTUnwrap(matrix.components(separatedBy: "\n").first { $0.hasPrefix("<tr><th scope=\"row\"><a href=\"countries/ir.html\">") })
        XCTAssertFalse(iran.contains("class=\"concern\""), iran)
        // Rows are grouped by region, in site.yml order.
        XCTAssertLessThan(try XCTUnwrap(matrix.range(of: "regions/east-asia-pacific.html")).lowerBound,
                          try XCTUnwrap(matrix.range(of: "regions/near-east.html")).lowerBound)
    }

    func testScreeningDataHoldsTheChecklistOfEveryProductAndCountry() throws {
        let site = try fixture()
        let data = try ScreeningFile(site.outputText("data/screening.js"))
        let spyware = try XCTUnwrap(data.product("spyware"))
        let risk = try XCTUnwrap(spyware["risk"] as? [String: Any])
        XCTAssertEqual(risk["id"] as? String, "high")
        XCTAssertEqual(risk["label"] as? String, "High")
        XCTAssertEqual(risk["rank"] as? Int, 3)
        XCTAssertEqual(spyware["countries"] as? [String], ["cn"])
        XCTAssertEqual((spyware["redFlags"] as? [String])?.count, 2)
        // Guidance: what the product names, and steps whose `related` name it, in order.
        let face = try XCTUnwrap(data.product("facial-recognition"))
        XCTAssertEqual(face["guidance"] as? [String], ["review-product-capabilities", "red-flags"])
        // Inline Markdown becomes plain text: no HTML reaches the script.
        let misuse = try XCTUnwrap(face["redFlags"] as? [String])
        XCTAssertFalse(misuse.joined().contains("<"))
        let cn = try XCTUnwrap(data.country("cn"))
        XCTAssertEqual(cn["overdue"] as? Bool, true)
        XCTAssertEqual(cn["guidance"] as? [String], ["review-end-user"])
        let factors = try XCTUnwrap(cn["factors"] as? [[String: Any]])
        let abuses = try XCTUnwrap(factors.first { $0["label"] as? String == "Record of human rights abuses" })
        XCTAssertEqual(abuses["status"] as? String, "present")
        XCTAssertEqual((abuses["source"] as? [String: String])?["title"], "ShareAmerica (French edition), article on the 2020 guidance")
        XCTAssertEqual((cn["measures"] as? [Any])?.count, 2)
        XCTAssertEqual(data.guidanceOrder, ["state-department-guidance", "review-product-capabilities", "review-end-user", "red-flags"])
        // Every URL in the data leads to a built page, relative to screening.html.
        for url in data.urls where !url.hasPrefix("http") {
            let path = String(url.split(separator: "#")[0])
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/" + path), url)
        }
        // The page itself: options for every product and country, scripts as files.
        let page = try site.outputText("screening.html")
        XCTAssertTrue(page.contains("<option value=\"imsi-catchers\">IMSI catchers (cell-site simulators)</option>"))
        XCTAssertTrue(page.contains("<option value=\"us\">United States</option>"))
        XCTAssertTrue(page.contains("<script src=\"data/screening.js\" defer></script>\n<script src=\"static/screening.js\" defer></script>"))
        XCTAssertTrue(page.contains("id=\"screening-no-script\""))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/static/screening.js"))
        // Product and country pages lead to it with their choice made.
        XCTAssertTrue(try main("products/spyware.html").contains("<a href=\"../screening.html#product=spyware\">"))
        XCTAssertTrue(try main("countries/cn.html").contains("<a href=\"../screening.html#country=cn\">"))
    }

    func testScreeningDataCannotBreakOutOfItsScript() throws {
        let hostile = "Ends </script><script>alert(1)</script> here \u{2028} and \u{2029} & 'quotes' \"double\" <!--"
        // Titles reach the data as written; list items go through Markdown first.
        let site = try TestSite(files: [
            "products/face.md": Pages.product(extra: "red_flags:\n  - \(ScriptDataYAML.quoted(hostile))\n")
                .replacingOccurrences(of: "title: Face recognition", with: "title: \(ScriptDataYAML.quoted(hostile))"),
            "countries/cn.md": Pages.country(extra: "products: [face]\n"),
        ])
        defer { site.remove() }
        XCTAssertNotNil(site.build().publishedBytes)
        let script = try site.outputText("data/screening.js")
        for forbidden in ["</script", "<script", "<!--", "\u{2028}", "\u{2029}"] {
            XCTAssertFalse(script.contains(forbidden), "data file contains \(forbidden.debugDescription)")
        }
        let data = try ScreeningFile(script)
        XCTAssertEqual(data.product("face")?["title"] as? String, hostile)
        XCTAssertEqual(data.product("face")?["redFlags"] as? [String], ["Ends alert(1) here \u{2028} and \u{2029} & ‘quotes’ “double” <!–"])
    }

    func testWhatChangedFeedAndReviewStatus() throws {
        let changes = try main("changes.html")
        let order = ["state-department-guidance.html", "countries/ir.html", "countries/us.html", "countries/cn.html"]
            .map { changes.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted(), "newest first")
        XCTAssertTrue(changes.contains("<span class=\"note\">Country profile · reviewed 1 January 2024</span>"))

        let feed = try fixture().outputText("feed.xml")
        let parsed = try AtomEntries(feed)
        XCTAssertEqual(parsed.links, ["guidance/state-department-guidance.html", "countries/ir.html", "countries/us.html", "countries/cn.html"])
        XCTAssertEqual(parsed.updated.first, "2026-11-22T00:00:00Z")
        XCTAssertEqual(parsed.updated.last, "2024-01-01T00:00:00Z")
        XCTAssertTrue(try fixture().outputText("index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"What changed\" href=\"feed.xml\">"))

        let review = try main("review.html")
        XCTAssertTrue(review.contains("<tr class=\"overdue-row\"><th scope=\"row\"><a href=\"countries/cn.html\">China</a></th><td data-label=\"Reviewed\"><time datetime=\"2024-01-01\">1 January 2024</time></td><td data-label=\"By\">Diligence sample content</td><td data-label=\"Status\">Overdue by 23 months</td><td data-label=\"Unknown factors\">2</td></tr>"), review)
        XCTAssertLessThan(try XCTUnwrap(review.range(of: "countries/cn.html")).lowerBound, try XCTUnwrap(review.range(of: "countries/ir.html")).lowerBound)
        XCTAssertTrue(review.contains("<p>1 of the profiles below is overdue.</p>"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: try fixture().output + "/sitemap.xml"), "no sitemap without base_url")
    }

    func testOrphansAreWarnedAndListedForEditors() throws {
        let site = try TestSite(files: [
            "products/face.md": Pages.product(),
            "products/lonely.md": Pages.product().replacingOccurrences(of: "Face recognition", with: "Lonely"),
            "countries/cn.md": Pages.country(extra: "products: [face]\n"),
            "pages/about.md": "---\ntitle: About\nsummary: About.\n---\nSee [China](../countries/cn.md).\n",
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(TestSite.lines(report, in: site), ["products/lonely.md:1:1: warning: no other page links to products/lonely"])
        let review = try site.outputText("review.html")
        XCTAssertTrue(review.contains("<li><a href=\"products/lonely.html\">Lonely</a> <span class=\"note\">Product risk</span></li>"))
        XCTAssertFalse(review.contains("products/face.html\">"))
    }

    func testSitemapAnd404UseTheBaseURL() throws {
        let site = try TestSite(files: [
            "products/face.md": Pages.product(extra: "updated: 2025-03\n"),
            "countries/cn.md": Pages.country(extra: "products: [face]\n"),
        ], site: TestSite.siteYAML + "base_url: https://intranet.example.com/diligence\n")
        defer { site.remove() }
        XCTAssertNotNil(site.build().publishedBytes)
        let sitemap = try site.outputText("sitemap.xml")
        XCTAssertTrue(sitemap.contains("<url><loc>https://intranet.example.com/diligence/products/face.html</loc><lastmod>2025-03</lastmod></url>"))
        XCTAssertTrue(sitemap.contains("<url><loc>https://intranet.example.com/diligence/index.html</loc></url>"))
        XCTAssertFalse(sitemap.contains("404.html"))
        let notFound = try site.outputText("404.html")
        XCTAssertTrue(notFound.contains("href=\"https://intranet.example.com/diligence/static/style.css\""))
        XCTAssertTrue(notFound.contains("<a class=\"site-title\" href=\"https://intranet.example.com/diligence/index.html\">"))
        let feed = try AtomEntries(site.outputText("feed.xml"))
        XCTAssertEqual(feed.links.first, "https://intranet.example.com/diligence/countries/cn.html")
    }

    func testEveryInternalLinkOfTheSampleSiteResolvesFromTheFileSystem() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-sample-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let options = BuildOptions(content: TestSite.repository.appendingPathComponent("content").path,
                                   templates: TestSite.templates, output: output, today: TestSite.today)
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        XCTAssertNotNil(report.publishedBytes)
        XCTAssertEqual(LinkAudit.brokenLinks(in: output), [])
        XCTAssertGreaterThan(LinkAudit.count(in: output), 500)
    }
}

/// The screening data file, decoded back from its `window.X = …;` form.
struct ScreeningFile {
    let root: [String: Any]

    init(_ script: String) throws {
        let prefix = "window.DiligenceScreening = "
        XCTAssertTrue(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func product(_ id: String) -> [String: Any]? {
        (root["products"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    func country(_ id: String) -> [String: Any]? {
        (root["countries"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    var guidanceOrder: [String] { (root["guidance"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }

    /// Every "url" value anywhere in the data.
    var urls: [String] {
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object { if key == "url", let url = child as? String { found.append(url) } else { walk(child) } }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(root)
        return found
    }
}

/// A YAML double-quoted scalar for any text.
enum ScriptDataYAML {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
