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

/// The sample knowledge base a new user builds first: clean under
/// `check --strict`, and its risk matrix shows the concerns its profiles
/// document.
final class SampleContentTests: XCTestCase {
    private var content: String { TestSite.repository.appendingPathComponent("content").path }

    func testSampleContentPassesStrictCheck() {
        let options = BuildOptions(content: content, templates: TestSite.templates, output: NSTemporaryDirectory() + "unused-" + UUID().uuidString,
                                   today: TestSite.today)
        let report = SiteBuilder(options: options).check()
        XCTAssertEqual(report.diagnostics.map { "\($0.location.file.split(separator: "/").suffix(2).joined(separator: "/")):\($0.location.line): \($0.message)" }, [])
        XCTAssertFalse(report.failed(strict: true))
    }

    /// Every destination country whose profile records a measure restricting
    /// exports to it has at least one marked cell, and every marked cell
    /// names its basis and links its source.
    func testMatrixShowsADocumentedConcernForEveryRestrictedDestination() throws {
        let output = NSTemporaryDirectory() + "diligence-sample-matrix-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: output) }
        let options = BuildOptions(content: content, templates: TestSite.templates, output: output, today: TestSite.today)
        XCTAssertNotNil(SiteBuilder(options: options).build().publishedBytes)
        let matrix = try String(contentsOfFile: output + "/matrix.html", encoding: .utf8)
        let rows = matrix.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><th scope=\"row\">") }
        let folder = content + "/countries"
        var restricted: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".md") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            if text.contains("restricts_exports: true") { restricted.append(String(file.dropLast(3))) }
        }
        XCTAssertGreaterThanOrEqual(restricted.count, 6, "China, Iran, Myanmar, Russia, Belarus, Venezuela at least")
        for code in restricted.sorted() {
            let row = try XCTUnwrap(rows.first { $0.hasPrefix("<tr><th scope=\"row\"><a href=\"countries/\(code).html\">") }, code)
            XCTAssertTrue(row.contains("<td class=\"concern\">"), "\(code) has no documented concern in the matrix")
        }
        for row in rows {
            for cell in row.components(separatedBy: "<td class=\"concern\">").dropFirst() {
                let cell = cell.components(separatedBy: "</td>")[0]
                XCTAssertTrue(cell.contains("<span class=\"basis\">"), cell)
                XCTAssertTrue(cell.contains("<span class=\"cited\">Source: <a class=\"cite"), cell)
            }
        }
    }
}
