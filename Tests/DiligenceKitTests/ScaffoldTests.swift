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

/// The editor's workflow: scaffolds that `check` rejects until filled in,
/// schemas and field reference generated from the checker's own definitions,
/// and a sample knowledge base that passes `check` cleanly.
final class ScaffoldTests: XCTestCase {
    private func site(_ yaml: String = TestSite.siteYAML) throws -> SiteConfig {
        let log = DiagnosticLog()
        let site = SiteConfigDecoder.decode(SourceFile(relativePath: "site.yml", displayPath: "site.yml", bytes: Array(yaml.utf8)), log: log)
        return try XCTUnwrap(site, "\(log.diagnostics)")
    }

    func testCountryScaffoldIsRejectedUntilFilledInThenPasses() throws {
        let file = try Scaffold.country("fr", site: site())
        XCTAssertEqual(file.path, "countries/fr.md")
        XCTAssertTrue(file.text.hasPrefix("---\n# yaml-language-server: $schema=../../schemas/country.schema.json\ncountry: FR\n"))
        let test = try TestSite(files: [file.path: file.text])
        defer { test.remove() }
        let lines = TestSite.lines(test.check(), in: test).filter { $0.contains("error") }
        // One error per placeholder, each at its value, all in one run.
        XCTAssertEqual(lines.map { String($0.split(separator: ":")[3]) }.map { $0.trimmingCharacters(in: .whitespaces) },
                       Array(repeating: "error", count: 10), lines.joined(separator: "\n"))
        for field in ["name", "summary", "region", "title", "publisher", "date", "url", "reviewed", "reviewed_by"] {
            XCTAssertTrue(lines.contains { $0.contains("'\(field)' still holds a placeholder") }, "no error for \(field)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("countries/fr.md:37:1: error: placeholder text left in the body") }, lines.joined(separator: "\n"))

        // Filled in as CONTRIBUTING.md says: the check passes.
        var text = file.text
        for (placeholder, value) in [
            ("TODO the country's common English name", "France"),
            ("TODO one or two sentences on what the sources say about this country", "Subscriber to the ECHRI Code of Conduct."),
            ("TODO one of east-asia-pacific, near-east", "east-asia-pacific"),
            ("TODO title of the document you read", "Code of Conduct"),
            ("TODO who published it", "Summit for Democracy"),
            ("TODO YYYY-MM-DD, YYYY-MM or YYYY", "2023-03-30"),
            ("TODO https://… where a reader can check it", "https://example.org/code"),
            ("TODO today's date, YYYY-MM-DD", "2026-11-22"),
            ("TODO your team or role", "Compliance team"),
            ("TODO Write, in your own words, what each source says, naming it.", "France subscribed to the Code."),
            ("regimes: []", "regimes: [echri]"),
        ] {
            XCTAssertTrue(text.contains(placeholder), placeholder)
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        try test.write(file.path, text)
        XCTAssertEqual(TestSite.lines(test.check(), in: test).filter { $0.contains("error") }, [])
    }

    func testProductScaffoldRoundTrip() throws {
        let file = try Scaffold.product("thermal-imaging", site: site())
        XCTAssertEqual(file.path, "products/thermal-imaging.md")
        let test = try TestSite(files: [file.path: file.text])
        defer { test.remove() }
        let errors = test.check().diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 12, "\(errors.map(\.message))")
        let filled = file.text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let range = line.range(of: "TODO") else { return String(line) }
            let prefix = line[..<range.lowerBound]
            if prefix.hasSuffix("category: ") { return prefix + "biometrics" }
            if prefix.hasSuffix("date: ") { return prefix + "2020" }
            if prefix.hasSuffix("url: ") { return prefix + "https://example.org/" }
            return prefix + "Written by an editor."
        }.joined(separator: "\n")
        try test.write(file.path, filled)
        XCTAssertEqual(test.check().diagnostics.filter { $0.severity == .error }.map(\.message), [])
    }

    /// The fast scan agrees with a plain substring search: at the start,
    /// the end, across many near misses, after multibyte characters.
    func testPlaceholderScanFindsExactlyWhatASubstringSearchFinds() {
        let fixed = ["", "T", "TOD", "TODO", "xTODO", "TODOx", "TOD TODO", "TTTTODO", "TODTODTOD", "ToDo", "todo",
                     "é TODO", "TOD\u{00C9}O", String(repeating: "T", count: 1000), String(repeating: "TOD", count: 400) + "O"]
        var generator = SystemRandomNumberGenerator()
        let pieces = ["T", "O", "D", "TO", "DO", "x", "é", "\n", " "]
        let random = (0..<500).map { _ in (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        for text in fixed + random {
            XCTAssertEqual(Scaffold.mayContainPlaceholder(text), text.contains("TODO"), "\(text.debugDescription)")
        }
    }

    func testScaffoldRefusesBadNames() throws {
        XCTAssertThrowsError(try Scaffold.country("UK", site: site())) { error in
            XCTAssertTrue("\(error)".contains("GB"), "\(error)")
        }
        XCTAssertThrowsError(try Scaffold.product("Thermal Imaging", site: site())) { error in
            XCTAssertTrue("\(error)".contains("thermal-imaging"), "\(error)")
        }
    }

    func testCommittedSchemasAndFieldReferenceAreUpToDate() throws {
        let repository = TestSite.repository
        let log = DiagnosticLog()
        let sampleSite = try XCTUnwrap(SiteConfigDecoder.load(content: repository.appendingPathComponent("content").path, log: log))
        let schemas = JSONSchemaGenerator(site: sampleSite).schemas()
        XCTAssertEqual(schemas.map(\.file), ["guidance.schema.json", "product.schema.json", "country.schema.json", "page.schema.json"])
        for (file, schema) in schemas {
            let committed = try String(contentsOf: repository.appendingPathComponent("schemas/" + file), encoding: .utf8)
            XCTAssertEqual(committed, schema.rendered(), "schemas/\(file) is stale: run 'swift run diligence schema'")
            // Valid JSON, and it names what the checker requires.
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any])
            XCTAssertEqual(object["additionalProperties"] as? Bool, false)
        }
        let country = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(schemas[2].schema.rendered().utf8)) as? [String: Any])
        XCTAssertEqual(country["required"] as? [String], ["country", "name", "summary", "sources", "region", "risk", "reviewed"])
        let properties = try XCTUnwrap(country["properties"] as? [String: Any])
        XCTAssertEqual((properties["risk"] as? [String: Any])?["enum"] as? [String], ["low", "medium", "high", "critical", "unknown"])
        let guide = try String(contentsOf: repository.appendingPathComponent("CONTRIBUTING.md"), encoding: .utf8)
        XCTAssertEqual(FieldReference.replacing(in: guide), guide, "CONTRIBUTING.md's field reference is stale: run 'swift run diligence schema'")
        XCTAssertTrue(guide.contains("| `reviewed` | yes | date (YYYY-MM-DD, YYYY-MM or YYYY) |"))
    }

    func testSampleKnowledgeBaseIsCleanAndSourced() throws {
        let content = TestSite.repository.appendingPathComponent("content").path
        let report = SiteBuilder(options: BuildOptions(content: content, templates: TestSite.templates, output: "/nonexistent",
                                                       today: TestSite.today)).check()
        // No error and no warning at all: the sample content is the example editors copy.
        XCTAssertEqual(report.diagnostics.map { "\($0.location.file):\($0.location.line): \($0.message)" }, [])
        XCTAssertGreaterThanOrEqual(report.pageCounts[.product] ?? 0, 15)
        XCTAssertGreaterThanOrEqual(report.pageCounts[.country] ?? 0, 29)
        // Every country profile cites at least one source with a URL.
        let countries = try FileManager.default.contentsOfDirectory(atPath: content + "/countries").filter { $0.hasSuffix(".md") }
        for code in ["cn", "ir", "mm", "il", "us", "al", "au", "bg", "ca", "cr", "hr", "cz", "dk", "ec", "ee", "fi", "fr", "de",
                     "jp", "xk", "lv", "nl", "nz", "mk", "no", "kr", "sk", "es", "gb"] {
            XCTAssertTrue(countries.contains(code + ".md"), "missing profile \(code)")
        }
        for file in countries {
            let text = try String(contentsOfFile: content + "/countries/" + file, encoding: .utf8)
            let frontMatter = text.components(separatedBy: "\n---\n")[0]
            XCTAssertTrue(frontMatter.contains("    url: https://"), "\(file) has no source with a URL")
        }
    }
}
