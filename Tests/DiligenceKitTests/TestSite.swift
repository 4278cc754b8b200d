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

/// A throwaway content folder for one test: `site.yml`, the files a test
/// writes, the project's real templates, and an output folder beside them.
struct TestSite {
    let root: URL
    var content: String { root.appendingPathComponent("content").path }
    var output: String { root.appendingPathComponent("public").path }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("templates").path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The sample content was last reviewed on this day.
    static let today = PartialDate(year: 2026, month: 12, day: 2)

    static let siteYAML = """
    title: Test KB
    description: A test knowledge base.
    language: en
    review_interval_months: 12
    risk_levels: [low, medium, high, critical]
    regions:
      east-asia-pacific: East Asia and Pacific
      near-east: Near East
    categories:
      biometrics: Biometric identification
      location-tracking: Non-cooperative location tracking
    factors:
      no-independent-judiciary: Lack of an independent judiciary
      documented-abuses: Record of human rights abuses
    regimes:
      wassenaar: Wassenaar Arrangement participating state
      echri: ECHRI Code of Conduct subscriber

    """

    init(files: [String: String] = [:], site: String = TestSite.siteYAML) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try write("site.yml", site)
        for (path, text) in files { try write(path, text) }
    }

    /// A copy of a fixture content folder under Fixtures/.
    init(fixture: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSite.fixtures.appendingPathComponent(fixture),
                                         to: root.appendingPathComponent("content"))
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent("content").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var options: BuildOptions {
        BuildOptions(content: content, templates: TestSite.templates, output: output, today: TestSite.today)
    }

    func check() -> BuildReport { SiteBuilder(options: options).check() }
    @discardableResult
    func build() -> BuildReport { SiteBuilder(options: options).build() }

    func outputText(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    /// Diagnostics as "file:line:col: severity: message", paths relative to content/.
    static func lines(_ report: BuildReport, in site: TestSite) -> [String] {
        report.diagnostics.map {
            let file = $0.location.file.replacingOccurrences(of: site.content + "/", with: "")
            return "\(file):\($0.location.line):\($0.location.column): \($0.severity.rawValue): \($0.message)"
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// The page without the site's own script elements (`static/*.js`,
    /// `data/*.js`, loaded by `src`), so a test can assert that no other
    /// script is there.
    static func withoutOwnScripts(_ html: String) -> String {
        html.replacingOccurrences(of: #"<script src="(\.\./)*(static|data)/[a-z-]+\.js"( defer)?></script>"#,
                                  with: "", options: .regularExpression)
    }
}

/// Minimal valid pages, for tests that only vary one thing.
enum Pages {
    static func guidance(order: Int = 1, body: String = "## Step\n\nText.\n", extra: String = "") -> String {
        "---\ntitle: Step \(order)\nsummary: A step.\norder: \(order)\n\(extra)---\n\(body)"
    }

    /// A product rated by the written rule (medium: named by a source, no
    /// control entry, no concern), with a source unless `extra` gives its own.
    static func product(extra: String = "", body: String = "Body.\n") -> String {
        let sources = extra.contains("sources:") ? "" : "sources:\n  - title: Draft guidance\n    url: https://example.org/draft\n"
        return "---\ntitle: Face recognition\nsummary: Finds faces.\ncategory: biometrics\nrisk: medium\n\(extra)risk_basis: Named by the draft guidance.\n\(sources)---\n\(body)"
    }

    static func country(code: String = "CN", name: String = "China", extra: String = "", body: String = "## Basis\n\nText.\n",
                        reviewed: String = "2026-06-01") -> String {
        """
        ---
        country: \(code)
        name: \(name)
        summary: A profile.
        region: east-asia-pacific
        risk: unknown
        sources:
          - title: A report
            url: https://example.org/report
        reviewed: \(reviewed)
        \(extra)---
        \(body)
        """
    }
}
