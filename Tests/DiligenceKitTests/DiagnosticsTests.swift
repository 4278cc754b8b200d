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

/// Each kind of problem an editor can make is reported at its file, line and
/// column, with a message and a hint, and all of them in one run.
final class DiagnosticsTests: XCTestCase {
    private func diagnostics(_ files: [String: String], site: String = TestSite.siteYAML) throws -> [String] {
        let test = try TestSite(files: files, site: site)
        defer { test.remove() }
        return TestSite.lines(test.check(), in: test)
    }

    func testReportsMisspelledKeyUnknownRiskWrongCodeAndMissingFieldInOneRun() throws {
        let test = try TestSite(files: [
            "countries/cn.md": """
            ---
            country: CN
            name: China
            sumary: A profile.
            region: east-asia-pacific
            risk: severe
            sources:
              - title: A report
                url: https://example.org/r
            reviewed: 2026-06-01
            ---
            Text.
            """,
            "countries/ir.md": Pages.country(code: "XX", name: "Iran"),
            "products/face.md": "---\ntitle: Face\nsummary: Faces.\nrisk: high\n---\nBody.\n",
        ])
        defer { test.remove() }
        let report = test.check()
        XCTAssertTrue(report.failed(strict: false))
        let lines = TestSite.lines(report, in: test)
        XCTAssertEqual(lines, [
            "countries/cn.md:2:1: error: missing required field 'summary' in the front matter of a country profile page",
            "countries/cn.md:4:1: error: unknown field 'sumary' in the front matter of a country profile page",
            "countries/cn.md:6:7: error: 'severe' is not one of the risk levels in site.yml",
            "countries/ir.md:2:10: error: 'XX' is not an ISO 3166-1 alpha-2 country code",
            "products/face.md:2:1: error: missing required field 'category' in the front matter of a product risk page",
            "products/face.md:2:1: error: missing required field 'sources' in the front matter of a product risk page",
            "products/face.md:4:7: error: risk is 'high' but 'risk_basis' is missing",
        ])
        let hints = report.diagnostics.map { $0.hint ?? "" }
        XCTAssertTrue(hints[1].contains("did you mean 'summary'?"), hints[1])
        XCTAssertTrue(hints[2].contains("'low', 'medium', 'high', 'critical'"), hints[2])
    }

    func testVocabularyTypoGetsDidYouMean() throws {
        let test = try TestSite(files: ["products/face.md": Pages.product().replacingOccurrences(of: "category: biometrics", with: "category: biometric")])
        defer { test.remove() }
        let d = try XCTUnwrap(test.check().diagnostics.first)
        XCTAssertEqual(d.message, "'biometric' is not one of the categories in site.yml")
        XCTAssertEqual(d.hint, "did you mean 'biometrics'?")
        XCTAssertEqual(d.location.line, 4)
        XCTAssertEqual(d.location.column, 11)
    }

    func testYAMLSyntaxErrorIsReportedAtTheFileLine() throws {
        let lines = try diagnostics(["pages/a.md": "---\ntitle: A\nsummary: [unclosed\n---\nBody\n"])
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("pages/a.md:4:"), lines[0])
        XCTAssertTrue(lines[0].contains("YAML syntax error"), lines[0])
    }

    func testTabIndentationIsExplained() throws {
        let test = try TestSite(files: ["pages/a.md": "---\ntitle: A\nsummary: S\ntags:\n\t- x\n---\nBody\n"])
        defer { test.remove() }
        let d = try XCTUnwrap(test.check().diagnostics.first)
        XCTAssertEqual(d.location.line, 5)
        XCTAssertEqual(d.hint, "YAML does not allow tabs for indentation; indent with spaces")
    }

    func testDuplicateKeyIsAnError() throws {
        let lines = try diagnostics(["pages/a.md": "---\ntitle: A\nsummary: S\ntitle: B\n---\nBody\n"])
        XCTAssertEqual(lines, ["pages/a.md:2:1: error: duplicate field 'title' in this mapping"])
    }

    func testWrongTypesAreReportedAtTheValue() throws {
        let lines = try diagnostics([
            "guidance/a.md": "---\ntitle: [a, b]\nsummary: S\norder: first\ndraft: maybe\ntags: solo\n---\nBody\n",
        ])
        XCTAssertEqual(lines, [
            "guidance/a.md:2:8: error: 'title' must be text, not a list",
            "guidance/a.md:4:8: error: 'order' must be a whole number of 1 or more, not 'first'",
            "guidance/a.md:5:8: error: 'draft' must be true or false, not 'maybe'",
            "guidance/a.md:6:7: error: 'tags' must be a list, not 'solo'",
        ])
    }

    func testBadDatesAndURLs() throws {
        let lines = try diagnostics([
            "pages/a.md": """
            ---
            title: A
            summary: S
            updated: 2023-02-30
            sources:
              - title: X
                url: javascript:alert(1)
              - title: Y
                url: " https://example.org"
                date: 23-01-01
            ---
            Body
            """,
        ])
        XCTAssertEqual(lines, [
            "pages/a.md:4:10: error: 'updated' is not a valid date: '2023-02-30'",
            "pages/a.md:7:10: error: 'url' is not an http, https or mailto URL: 'javascript:alert(1)'",
            "pages/a.md:9:10: error: 'url' is not an http, https or mailto URL: ' https://example.org'",
            "pages/a.md:10:11: error: 'date' is not a valid date: '23-01-01'",
        ])
    }

    func testCountryCodeMustMatchFileNameAndBeUpperCase() throws {
        let lines = try diagnostics([
            "countries/cn.md": Pages.country(code: "IR"),
            "countries/ir.md": Pages.country(code: "ir", name: "Iran"),
            "countries/uk.md": Pages.country(code: "GB", name: "United Kingdom"),
        ])
        XCTAssertEqual(lines, [
            "countries/cn.md:2:10: error: country code 'IR' does not match the file name 'cn.md'",
            "countries/ir.md:2:10: error: country code 'ir' must be upper case",
            "countries/uk.md:1:1: error: country file name 'uk.md' is not a lower-case ISO 3166-1 alpha-2 code",
            "countries/uk.md:2:10: error: country code 'GB' does not match the file name 'uk.md'",
        ])
    }

    func testDuplicateOrderIsAnError() throws {
        let lines = try diagnostics([
            "guidance/a.md": Pages.guidance(order: 1, extra: "related: [guidance/b]\n"),
            "guidance/b.md": Pages.guidance(order: 1, extra: "related: [guidance/a]\n"),
        ])
        XCTAssertEqual(lines, ["guidance/b.md:1:1: error: order 1 is also used by guidance/a"])
    }

    func testBrokenLinkAndFragmentAreReportedAtTheLink() throws {
        let lines = try diagnostics([
            "guidance/a.md": Pages.guidance(order: 1, body: """
            ## Intro

            See [b](b.md#stepp) and
            the [missing page](../products/nope.md), [ok](b.md#step).
            Also [a heading here](#intr) and [file](../assets/missing.pdf).
            """),
            "guidance/b.md": Pages.guidance(order: 2, body: "## Step\n\nSee [a](a.md).\n"),
        ])
        XCTAssertEqual(lines, [
            "guidance/a.md:8:5: error: guidance/b has no heading with id '#stepp'",
            "guidance/a.md:9:5: error: no product risk page 'nope': '../products/nope.md' refers to content/products/nope.md, which does not exist",
            "guidance/a.md:10:6: error: no heading with id '#intr' on this page",
            "guidance/a.md:10:34: error: link '../assets/missing.pdf' points to content/assets/missing.pdf, which does not exist",
        ])
    }

    func testFrontMatterReferencesAreChecked() throws {
        let test = try TestSite(files: [
            "products/face.md": Pages.product(extra: "countries: [cn, ZZ, ir]\nguidance: [step-one]\n"),
            "countries/cn.md": Pages.country(extra: "products: [face-recognition]\n"),
        ])
        defer { test.remove() }
        let report = test.check()
        XCTAssertEqual(TestSite.lines(report, in: test), [
            "countries/cn.md:1:1: warning: no other page links to countries/cn",
            "countries/cn.md:11:12: error: no product risk page 'face-recognition': 'face-recognition' refers to content/products/face-recognition.md, which does not exist",
            "products/face.md:6:17: error: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
        ])
        // Did-you-mean for slugs; a draft is not published, and a reference to it says so.
        let test2 = try TestSite(files: [
            "products/face.md": Pages.product(extra: "countries: [ir]\n"),
            "products/drone.md": Pages.product(extra: "draft: true\n"),
            "guidance/a.md": Pages.guidance(extra: "related: [products/drone, products/fase]\n"),
        ])
        defer { test2.remove() }
        let errors = test2.check().diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map { "\($0.location.file.hasSuffix("a.md") ? "a" : "face"):\($0.location.line):\($0.location.column) \($0.hint ?? "")" }, [
            "a:5:11 publish that page, or remove the reference",
            "a:5:27 did you mean 'face'?",
            "face:6:13 create content/countries/ir.md, or correct the reference",
        ])
        XCTAssertEqual(errors[0].message, "'products/drone' refers to products/drone, which is a draft (published only with --drafts)")
    }

    func testFactorsAreChecked() throws {
        let lines = try diagnostics([
            "countries/cn.md": Pages.country(extra: """
            factors:
              documented-abuses:
                status: present
              no-independent-judicary:
                status: unknown
              no-independent-judiciary:
                status: yes
                source: 3
            """ + "\n"),
        ])
        XCTAssertEqual(lines, [
            "countries/cn.md:6:7: error: risk is 'unknown' but the written country rule gives 'medium': a factor is present or partial",
            "countries/cn.md:12:3: error: factor 'documented-abuses' is 'present' but cites no source",
            "countries/cn.md:14:3: error: 'no-independent-judicary' is not one of the factors in site.yml",
            "countries/cn.md:17:13: error: 'yes' is not a factor status",
            "countries/cn.md:18:13: error: source 3 does not exist: the page lists 1 source",
        ])
    }

    func testFileLevelProblems() throws {
        let test = try TestSite(files: [
            "pages/empty.md": "",
            "pages/unclosed.md": "---\ntitle: A\nsummary: S\n",
            "pages/nofront.md": "# Just markdown\n",
            "pages/Bad_Name.md": "---\ntitle: A\nsummary: S\n---\n",
        ])
        defer { test.remove() }
        try test.write("pages/latin1.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xE9, 0x0A]))
        XCTAssertEqual(TestSite.lines(test.check(), in: test), [
            "pages/Bad_Name.md:1:1: error: file name 'Bad_Name.md' is not a valid slug",
            "pages/empty.md:1:1: error: file is empty",
            "pages/latin1.md:2:4: error: file is not valid UTF-8 (byte 0xE9)",
            "pages/nofront.md:1:1: error: file does not start with a front-matter block",
            "pages/unclosed.md:1:1: error: front-matter block is not closed",
        ])
    }

    func testBOMAndCRLFAreAccepted() throws {
        let test = try TestSite(files: [:])
        defer { test.remove() }
        try test.write("pages/a.md", Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitle: A\r\nsummary: S\r\nupdatd: 2024\r\n---\r\nBody [x](#nope)\r\n".utf8))
        XCTAssertEqual(TestSite.lines(test.check(), in: test), [
            "pages/a.md:4:1: error: unknown field 'updatd' in the front matter of a page",
        ])
    }

    func testWarnings() throws {
        let long = String(repeating: "word ", count: 70)
        let test = try TestSite(files: [
            "countries/cn.md": Pages.country().replacingOccurrences(of: "reviewed: 2026-06-01", with: "reviewed: 2024-01-15"),
            "pages/a.md": "---\ntitle: A\nsummary: \(long)\n---\n[China](../countries/cn.md)\n",
            "products/face.md": Pages.product(),
        ])
        defer { test.remove() }
        let report = test.check()
        XCTAssertEqual(TestSite.lines(report, in: test), [
            "countries/cn.md:10:11: warning: profile was last reviewed on 2024-01-15, over 12 months ago",
            "pages/a.md:3:10: warning: summary is 349 characters, over 300",
            "products/face.md:1:1: warning: no other page links to products/face",
        ])
        XCTAssertFalse(report.failed(strict: false))
        XCTAssertTrue(report.failed(strict: true))
    }

    func testGitHubAndJSONFormats() throws {
        let d = Diagnostic.error(at: SourceLocation(file: "content/countries/cn.md", line: 4, column: 7),
                                 "'severe' is not one, really", hint: "did you mean 'high'?")
        XCTAssertEqual(DiagnosticPrinter(format: .github).render([d]),
                       "::error file=content/countries/cn.md,line=4,col=7::'severe' is not one, really%0AHint: did you mean 'high'?\n")
        XCTAssertEqual(DiagnosticPrinter(format: .human).render([d]),
                       "content/countries/cn.md:4:7: error: 'severe' is not one, really\n    hint: did you mean 'high'?\n")
        let json = try JSONSerialization.jsonObject(with: Data(DiagnosticPrinter(format: .json).render([d]).utf8)) as? [String: Any]
        XCTAssertEqual(json?["errors"] as? Int, 1)
        let first = (json?["diagnostics"] as? [[String: Any]])?.first
        XCTAssertEqual(first?["line"] as? Int, 4)
        XCTAssertEqual(first?["column"] as? Int, 7)
        XCTAssertEqual(first?["hint"] as? String, "did you mean 'high'?")
    }

    func testSiteYAMLProblemsAreReported() throws {
        let lines = try diagnostics([:], site: "title: T\ndescription: D\nlanguage: en\nreview_interval_month: 12\nrisk_levels: [low, Low]\nregions: {}\ncategories: {}\nfactors: {}\nregimes: {}\n")
        XCTAssertEqual(lines, [
            "site.yml:1:1: error: missing required field 'review_interval_months' in site.yml",
            "site.yml:4:1: error: unknown field 'review_interval_month' in site.yml",
            "site.yml:5:20: error: 'Low' is not a valid id",
        ])
    }
}
