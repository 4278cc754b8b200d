@testable import DiligenceKit
import XCTest

/// The small building blocks: dates, suggestions, URLs.
final class UnitTests: XCTestCase {
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
}
