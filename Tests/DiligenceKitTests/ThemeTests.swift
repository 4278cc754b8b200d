@testable import DiligenceContent
@testable import DiligenceDefaults
@testable import DiligenceDiagnostics
@testable import DiligenceKit
@testable import DiligenceRender
@testable import DiligenceTemplate
@testable import DiligenceSupport
import Foundation
import XCTest

/// Built-in templates, a site's overrides by name, names checked against
/// the views, and branding from site.yml.
final class ThemeTests: XCTestCase {
    /// A site whose templates folder (beside content/) holds `files`.
    private func site(templates files: [String: String], siteYAML: String = TestSite.siteYAML) throws -> (TestSite, BuildOptions) {
        let site = try TestSite(files: ["guidance/one.md": Pages.guidance(), "products/face.md": Pages.product(),
                                        "countries/cn.md": Pages.country()], site: siteYAML)
        for (path, text) in files {
            let url = site.root.appendingPathComponent("templates/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var options = site.options
        options.templates = nil  // templates/ beside content/
        return (site, options)
    }

    private func builtIn(_ path: String) -> String { String(decoding: DefaultTemplates.files[path]!, as: UTF8.self) }

    func testASiteWithNoTemplatesFolderUsesTheBuiltInOnes() throws {
        let (site, options) = try self.site(templates: [:])
        defer { site.remove() }
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        XCTAssertEqual(try site.outputText("static/style.css"), builtIn("assets/style.css"))
        XCTAssertTrue(try site.outputText("countries/cn.html").contains("<footer class=\"site-footer\">"))
    }

    func testOnePartialOverriddenTheRestBuiltIn() throws {
        let footer = builtIn("partials/footer.mustache").replacingOccurrences(of: "<footer class=\"site-footer\">",
                                                                               with: "<footer class=\"site-footer\">\n<p>ACME intranet</p>")
        let (site, options) = try self.site(templates: ["partials/footer.mustache": footer])
        defer { site.remove() }
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        let page = try site.outputText("products/face.html")
        XCTAssertTrue(page.contains("<p>ACME intranet</p>"), "the site's footer")
        XCTAssertTrue(page.contains("<header class=\"site-header\">"), "the built-in header")
        let theme = ThemeFiles(folder: site.root.appendingPathComponent("templates").path, required: false, log: DiagnosticLog())
        XCTAssertEqual(theme.files.filter { $0.origin != .builtIn }.map(\.path), ["partials/footer.mustache"])
        XCTAssertEqual(theme.files.first { $0.path == "partials/footer.mustache" }?.origin, .overridden)
    }

    func testAPageTemplateAndTheCSSOverridden() throws {
        let product = "{{<base}}{{$main}}{{#page}}<h1 class=\"acme\">{{title}}</h1>{{/page}}{{/main}}{{/base}}\n"
        let (site, options) = try self.site(templates: ["product.mustache": product, "assets/style.css": "body { color: teal; }\n",
                                                        "partials/extra.mustache": "<p>site's own partial</p>"])
        defer { site.remove() }
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        XCTAssertTrue(try site.outputText("products/face.html").contains("<h1 class=\"acme\">Face recognition</h1>"))
        XCTAssertFalse(try site.outputText("countries/cn.html").contains("class=\"acme\""), "other page templates stay built in")
        XCTAssertEqual(try site.outputText("static/style.css"), "body { color: teal; }\n")
        let search = try site.outputText("static/search.js")
        XCTAssertTrue(search.hasSuffix(String(decoding: ScriptCompactor.compact(Array(builtIn("assets/search.js").utf8)), as: UTF8.self)),
                      "other assets stay built in (scripts compacted)")
        XCTAssertTrue(search.hasPrefix("window.DiligenceStrings = Object.assign("), "the search's strings first")
    }

    /// A site's own script gets its own keys (`js_<name>_…`) from the
    /// strings, compacted after them; a script with no keys is only compacted.
    func testASitesOwnScriptStartsWithItsStrings() throws {
        let script = "// ACME's banner.\n(function () {\n  var text = window.DiligenceStrings.js_acme_banner;\n})();\n"
        let (site, options) = try self.site(templates: ["assets/acme.js": script, "assets/plain.js": "var a = 1;  // one\n",
                                                        "strings/en.yml": "js_acme_banner: \"Internal use only\"\n"])
        defer { site.remove() }
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.errorCount, 0)
        XCTAssertEqual(try site.outputText("static/acme.js"), """
            window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {
            "js_acme_banner": "Internal use only"
            });
            (function(){
            var text=window.DiligenceStrings.js_acme_banner;
            })();

            """)
        XCTAssertEqual(try site.outputText("static/plain.js"), "var a=1;\n")
        XCTAssertFalse(try site.outputText("static/search.js").contains("js_acme_"))
    }

    func testAnOverrideUsingUnknownNamesIsAnErrorAtEachNameWithAHint() throws {
        let product = builtIn("product.mustache")
            .replacingOccurrences(of: "<a href=\"{{url}}\">{{title}}</a> {{#risk}}", with: "<a href=\"{{ulr}}\">{{titel}}</a> {{#risk}}")
        XCTAssertNotEqual(product, builtIn("product.mustache"))
        let (site, options) = try self.site(templates: ["product.mustache": product])
        defer { site.remove() }
        for report in [SiteBuilder(options: options).check(), SiteBuilder(options: options).build()] {
            let lines = report.diagnostics.filter { $0.severity == .error }.map { "\($0.location.file.replacingOccurrences(of: site.root.path + "/", with: "")):\($0.location.line):\($0.location.column): \($0.message) | \($0.hint ?? "")" }
            let line = product.prefix(upTo: product.range(of: "{{ulr}}")!.lowerBound).filter { $0 == "\n" }.count + 1
            XCTAssertEqual(lines, [
                "templates/product.mustache:\(line):32: unknown name 'ulr': no view here has it (looked up in LinkView, then ProductView, then PageView, then LayoutContext) | did you mean 'url'?; docs/templates.md lists every view's fields",
                "templates/product.mustache:\(line):41: unknown name 'titel': no view here has it (looked up in LinkView, then ProductView, then PageView, then LayoutContext) | did you mean 'title'?; docs/templates.md lists every view's fields",
            ])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output), "nothing is published")
    }

    func testRecursionNoSectionCanStopIsReportedAndNothingPublished() throws {
        // `site` is always there: the section never runs out.
        let footer = builtIn("partials/footer.mustache").replacingOccurrences(of: "</footer>", with: "{{> loop}}</footer>")
        let (site, options) = try self.site(templates: ["partials/footer.mustache": footer,
                                                        "partials/loop.mustache": "<i>{{#site}}{{> loop}}{{/site}}</i>"])
        defer { site.remove() }
        let report = SiteBuilder(options: options).build()
        XCTAssertGreaterThan(report.diagnostics.errorCount, 0)
        XCTAssertTrue(report.diagnostics.contains { $0.message.contains("partials nested deeper than 64 levels") && $0.message.contains("loop → loop") },
                      report.diagnostics.map(\.message).joined(separator: "\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output), "nothing is published")
    }

    func testBrandingLogoAccentAndFooter() throws {
        let yaml = TestSite.siteYAML + "branding:\n  logo: assets/logo.svg\n  accent: \"#7a1f5c\"\n  accent_dark: \"#f0a8d8\"\n  footer: ACME Compliance, internal use.\n"
        let (site, options) = try self.site(templates: [:], siteYAML: yaml)
        defer { site.remove() }
        try site.write("assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.errorCount, 0, TestSite.lines(report, in: site).joined(separator: "\n"))
        let page = try site.outputText("countries/cn.html")
        XCTAssertTrue(page.contains("<link rel=\"stylesheet\" href=\"../static/brand.css\">"))
        XCTAssertTrue(page.contains("<img class=\"site-logo\" src=\"../assets/logo.svg\" alt=\"\">"))
        XCTAssertTrue(page.contains("<p class=\"footer-text\">ACME Compliance, internal use.</p>"))
        let css = try site.outputText("static/brand.css")
        XCTAssertTrue(css.contains("@media (prefers-color-scheme: light) { :root { --accent: #7a1f5c; } }"))
        XCTAssertTrue(css.contains("@media (prefers-color-scheme: dark) { :root { --accent: #f0a8d8; } }"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/assets/logo.svg"))
    }

    func testALowContrastAccentIsRefusedAtItsLine() throws {
        let yaml = TestSite.siteYAML + "branding:\n  accent: \"#7fb3e0\"\n  accent_dark: \"#30363d\"\n  logo: assets/missing.svg\n"
        let (site, options) = try self.site(templates: [:], siteYAML: yaml)
        defer { site.remove() }
        let lines = TestSite.lines(SiteBuilder(options: options).check(), in: site)
        let line = yaml.components(separatedBy: "\n").firstIndex { $0.contains("accent:") }! + 1
        XCTAssertEqual(lines, [
            "site.yml:\(line):11: error: accent #7fb3e0 has a contrast of 2.09:1 against the light background #f6f8fa; link text needs at least 4.5:1 (WCAG AA)",
            "site.yml:\(line + 1):16: error: accent_dark #30363d has a contrast of 1.42:1 against the dark background #161b22; link text needs at least 4.5:1 (WCAG AA)",
        ])
    }

    func testContrastFollowsWCAG() {
        // Reference values: black on white 21:1; #767676 on white 4.54:1 (the lightest grey passing AA).
        XCTAssertEqual(ColourContrast.ratio((0, 0, 0), (255, 255, 255)), 21, accuracy: 0.01)
        XCTAssertEqual(ColourContrast.ratio(ColourContrast.rgb("#767676")!, ColourContrast.rgb("#fff")!), 4.54, accuracy: 0.01)
        let suggested = ColourContrast.adjusted(ColourContrast.rgb("#7fb3e0")!, against: [(255, 255, 255), (246, 248, 250)], minimum: 4.5, lighter: false)
        XCTAssertGreaterThanOrEqual(ColourContrast.ratio(ColourContrast.rgb(suggested)!, (246, 248, 250)), 4.5)
    }

    /// Each view's schema names exactly the fields its `value(named:)` answers
    /// (read from the source, as the two are written side by side).
    func testViewSchemasMatchTheFieldsViewsAnswer() throws {
        let folder = TestSite.repository.appendingPathComponent("Sources/DiligenceRender").path
        var answered: [String: [String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #"extension ([\w.]+): TemplateObject \{(.*?)\n\}"#, options: .dotMatchesLineSeparators)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let view = String(text[Range(match.range(at: 1), in: text)!])
                let body = String(text[Range(match.range(at: 2), in: text)!])
                let cases = try NSRegularExpression(pattern: #"case "(\w+)":"#)
                answered[view] = cases.matches(in: body, range: NSRange(body.startIndex..., in: body)).map { String(body[Range($0.range(at: 1), in: body)!]) }
            }
        }
        // The strings (`t`) answer the keys of the strings files, not cases of a switch.
        let schemas = TemplateFieldReference.views().filter { $0.name != InterfaceStrings.schemaName }
        XCTAssertEqual(Set(schemas.map(\.name)), Set(answered.keys), "every view templates render has a schema, reachable from LayoutContext")
        for schema in schemas {
            XCTAssertEqual(schema.fields.map(\.name), answered[schema.name], schema.name)
        }
    }

    func testTheTemplatesDocListsEveryViewsFields() throws {
        let doc = try String(contentsOf: TestSite.repository.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        XCTAssertTrue(TemplateFieldReference.update(doc) == doc, "docs/templates.md is out of date: run 'swift run diligence schema'")
    }

    /// `diligence templates copy` writes the built-in file; `list` then calls it the same; once edited, overridden.
    func testTemplatesCopyRoundTrip() throws {
        let binary = TestSite.repository.appendingPathComponent(".build/debug/diligence").path
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary), "the diligence binary is not built")
        let (site, _) = try self.site(templates: [:])
        defer { site.remove() }
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = site.root
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        XCTAssertTrue(try run(["templates", "copy", "footer", "style.css"]).contains("2 files written"))
        let footer = site.root.appendingPathComponent("templates/partials/footer.mustache")
        XCTAssertEqual([UInt8](try Data(contentsOf: footer)), DefaultTemplates.files["partials/footer.mustache"])
        XCTAssertTrue(try run(["templates", "list"]).contains("partials/footer.mustache          same as built-in"))
        try (String(contentsOf: footer, encoding: .utf8) + "<!-- ACME -->\n").write(to: footer, atomically: true, encoding: .utf8)
        let listed = try run(["templates", "list"])
        XCTAssertTrue(listed.contains("partials/footer.mustache          overridden by templates/partials/footer.mustache"), listed)
        XCTAssertTrue(try run(["templates", "copy", "footer"]).contains("kept      templates/partials/footer.mustache"), "an edited file is not overwritten")
        XCTAssertTrue(try run(["templates", "copy", "foter"]).contains("Did you mean 'footer'?"))
    }
}
