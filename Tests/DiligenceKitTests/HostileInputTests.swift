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

/// Hostile and broken input: script injected through every field and Markdown
/// construct never reaches the output as code; malformed files give precise
/// errors without hanging; paths and output folders are refused safely.
final class HostileInputTests: XCTestCase {
    /// Text payloads; each would set `window.__pwned` if it ever ran
    /// (`Tests/Browser/search_test.py --injection` checks that in Chromium).
    static let textPayloads = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=1\">",
        "\"><svg onload=window.__pwned=1>",
        "' onmouseover='window.__pwned=1' x='",
        "javascript:window.__pwned=1",
        "</script><script>window.__pwned=1</script>",
        "{{site.title}} {{{page.bodyHTML}}} {{#page}}x{{/page}} {{> header}}",
        "line\u{2028}separator\u{2029}end <!-- comment",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "<a href=\"&#106;avascript:window.__pwned=1\">x</a>",
        "<style>body{display:none}</style><base href=\"https://evil.example/\">",
    ]

    /// Link and image destinations that must never become script URLs.
    static let urlPayloads = [
        "javascript:window.__pwned=1",
        "JaVaScRiPt:window.__pwned=1",
        "&#106;avascript:window.__pwned=1",
        "&#x6A;avascript:window.__pwned=1",
        "javascript&colon;window.__pwned=1",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
        "DATA:text/html,%3Cscript%3Ewindow.__pwned=1%3C/script%3E",
    ]

    static func quoted(_ text: String) -> String { ScriptDataYAML.quoted(text) }

    /// A knowledge base with every payload in every field and construct.
    static func injectionSite() throws -> (TestSite, payloadsTried: Int) {
        var tried = 0
        func list(_ key: String) -> String {
            tried += textPayloads.count
            return "\(key):\n" + textPayloads.map { "  - \(quoted($0))\n" }.joined()
        }
        var body = ""
        for (i, payload) in textPayloads.enumerated() {
            body += """
            ## Heading \(i) \(payload)

            Text \(payload) with *emphasis \(payload)* and `code \(payload)` and [link \(payload)](https://example.org/\(i)).
            ![alt \(payload)](https://example.org/\(i).png "title \(payload)")

            > quote \(payload)

            ```
            \(payload)
            ```

            \(payload)

            - item \(payload)

            """
            tried += 10
        }
        for (i, url) in urlPayloads.enumerated() {
            body += """
            [link \(i)](\(url)) ![image \(i)](\(url)) [ref \(i)][r\(i)] [spaced \(i)]( \(url) )

            [r\(i)]: \(url)


            """
            tried += 4
        }
        var fields = ""
        for key in ["capabilities", "misuse", "red_flags", "safeguards", "tags"] { fields += list(key) }
        fields += "controls:\n" + textPayloads.map { "  - regime: wassenaar\n    entry: \(quoted($0))\n    note: \(quoted($0))\n" }.joined()
        fields += "sources:\n" + textPayloads.map { "  - title: \(quoted($0))\n    publisher: \(quoted($0))\n" }.joined()
        tried += textPayloads.count * 4
        let product = "---\ntitle: \(quoted(textPayloads[0] + " product"))\nsummary: \(quoted(textPayloads[1]))\ncategory: biometrics\nrisk: critical\nrisk_basis: \(quoted(textPayloads[4]))\n\(fields)---\n\(body)"
        let measures = textPayloads.map { "  - authority: \(quoted($0))\n    measure: \(quoted($0))\n    source: 1\n" }.joined()
        let concerns = textPayloads.map { "  - products: [evil]\n    categories: [biometrics]\n    basis: \(quoted($0))\n    source: 1\n" }.joined()
        tried += textPayloads.count * 2
        let country = """
        ---
        country: CN
        name: \(quoted(textPayloads[2]))
        summary: \(quoted(textPayloads[5]))
        region: east-asia-pacific
        risk: high
        risk_basis: \(quoted(textPayloads[0]))
        concerns:
        \(concerns)factors:
          documented-abuses:
            status: present
            note: \(quoted(textPayloads.joined(separator: " ")))
            source: 1
        measures:
        \(measures)products: [evil]
        sources:
          - title: \(quoted(textPayloads[6]))
            url: https://example.org/a?b=%3Cscript%3E&c=x
        reviewed: 2026-06-01
        reviewed_by: \(quoted(textPayloads[3]))
        ---
        \(body)
        """
        tried += textPayloads.count * 2 + 6
        let guidance = "---\ntitle: \(quoted(textPayloads[7]))\nsummary: \(quoted(textPayloads[8]))\norder: 1\nrelated:\n  - products/evil\n  - countries/cn\n---\n\(body)"
        let page = "---\ntitle: \(quoted(textPayloads[9]))\nsummary: \(quoted(textPayloads[10]))\n---\n\(body)[evil](../products/evil.md) [guide](../guidance/step.md)\n"
        tried += 4
        let site = try TestSite(files: [
            "products/evil.md": product, "countries/cn.md": country, "guidance/step.md": guidance, "pages/evil.md": page,
        ])
        return (site, tried)
    }

    func testInjectedScriptNeverReachesTheOutputAsCode() throws {
        let (site, tried) = try HostileInputTests.injectionSite()
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }.map { "\($0.location.line): \($0.message)" }, [])
        XCTAssertNotNil(report.publishedBytes)
        var problems: [String] = []
        var pages = 0
        for file in LinkAudit.htmlFiles(in: site.output) {
            let html = try site.outputText(file)
            problems += HTMLAudit.problems(in: html, file: file)
            pages += 1
        }
        XCTAssertEqual(problems, [], "\(problems.count) problems")
        XCTAssertGreaterThanOrEqual(pages, 30)
        // Template syntax in content is text, never evaluated.
        let product = try site.outputText("products/evil.html")
        XCTAssertTrue(product.contains("{{site.title}} {{{page.bodyHTML}}} {{#page}}x{{/page}} {{&gt; header}}"))
        // Script data files: nothing can end the script or break a line.
        let enumerator = FileManager.default.enumerator(atPath: site.output)
        var dataFiles = 0
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".js"), file.hasPrefix("search/") || file.hasPrefix("data/") else { continue }
            let text = try site.outputText(file)
            for forbidden in ["</script", "<script", "<!--", "\u{2028}", "\u{2029}"] {
                XCTAssertFalse(text.contains(forbidden), "\(file) contains \(forbidden.debugDescription)")
            }
            dataFiles += 1
        }
        XCTAssertGreaterThan(dataFiles, 5)
        print("injection corpus: \(tried) payload placements, \(pages) pages audited, \(dataFiles) data files")
    }

    /// The audit itself finds what it looks for (a test that cannot fail proves nothing).
    func testAuditCatchesEachKindOfProblem() {
        let bad = [
            "<script>x</script>", "<script src=\"https://evil.example/x.js\"></script>", "<img src=x onerror=alert(1)>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=' JAVASCRIPT:alert(1)'>x</a>", "<a href=vbscript:x>x</a>",
            "<iframe src=\"x\"></iframe>", "<img src=\"data:image/svg+xml,x\">", "<div onmouseover = \"x\">",
        ]
        for html in bad {
            XCTAssertFalse(HTMLAudit.problems(in: html, file: "t").isEmpty, html)
        }
        let good = "<script src=\"../static/search.js\" defer></script><link rel=\"icon\" href=\"data:,\"><a href=\"x.html\">javascript:</a>"
        XCTAssertEqual(HTMLAudit.problems(in: good, file: "t"), [])
    }

    func testScriptURLsInFrontMatterAreErrors() throws {
        var lines: [String] = []
        for url in HostileInputTests.urlPayloads + [" javascript:alert(1)", "file:///etc/passwd", "//evil.example/x"] {
            let site = try TestSite(files: [
                "products/p.md": Pages.product(extra: "sources:\n  - title: T\n    url: \(HostileInputTests.quoted(url))\n"),
            ])
            defer { site.remove() }
            let errors = site.check().diagnostics.filter { $0.severity == .error }
            XCTAssertEqual(errors.count, 1, url)
            lines += errors.map { "\($0.location.line):\($0.location.column)" }
        }
        XCTAssertEqual(Set(lines), ["8:10"], "each reported at the url value")
    }

    func testAliasBombsAndDeepNestingAreRefusedQuickly() throws {
        let bomb = """
        ---
        title: Laughs
        summary: Billion laughs.
        a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        tags: [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        ---
        Body.

        """
        let deepFlow = "---\ntitle: Deep\nsummary: Deep.\ntags: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n---\n"
        var deepBlock = "---\ntitle: Deep\nsummary: Deep.\ntags:\n"
        for level in 0..<200 { deepBlock += String(repeating: "  ", count: level + 1) + "- \n" }
        deepBlock += "---\n"
        let fine = """
        ---
        title: Stars
        summary: "*quoted* and &amp; fine"
        tags: ["*in quotes*", 'a & b', a *not an alias*, x&y]
        sources:
          - title: |
              * a bullet in a block scalar
              & an ampersand
            publisher: 'It''s *fine*'
        ---
        Body with *emphasis* & more.

        """
        let site = try TestSite(files: ["pages/bomb.md": bomb, "pages/deep-flow.md": deepFlow, "pages/deep-block.md": deepBlock, "pages/fine.md": fine])
        defer { site.remove() }
        let started = Date()
        let lines = TestSite.lines(site.check(), in: site).filter { $0.contains("error") }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "must not hang")
        XCTAssertEqual(lines.filter { $0.hasPrefix("pages/bomb.md") },
                       ["pages/bomb.md:4:4: error: an anchor ('&…') is not allowed in front matter (70 anchors and aliases in this front matter)"])
        XCTAssertEqual(lines.filter { $0.hasPrefix("pages/deep-flow.md") }, ["pages/deep-flow.md:4:39: error: front matter is nested more than 32 levels deep"])
        XCTAssertEqual(lines.filter { $0.hasPrefix("pages/deep-block.md") }.count, 1)
        XCTAssertTrue(lines.filter { $0.hasPrefix("pages/deep-block.md") }[0].contains("nested more than 32 levels deep"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("pages/fine.md") }, [], "no false alarm on * and & in text")
    }

    func testLinksThatEscapeTheContentFolderAreRefused() throws {
        let body = """
        [a](../../etc/passwd) [b](/products/x.md) [c](..%2F..%2Fetc%2Fpasswd) [d](../assets/%2e%2e/x)
        [e](file:///etc/passwd) [f](C:\\\\Windows\\\\x.md)

        """
        let site = try TestSite(files: ["pages/p.md": "---\ntitle: P\nsummary: P.\n---\n" + body])
        defer { site.remove() }
        let lines = TestSite.lines(site.check(), in: site).filter { $0.contains("error") }
        XCTAssertTrue(lines.contains { $0.hasPrefix("pages/p.md:5:1: error: link '../../etc/passwd' leads outside the content folder") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("link '/products/x.md' is an absolute path") })
        XCTAssertTrue(lines.contains { $0.contains("hides a path separator in percent-encoding") })
        XCTAssertGreaterThanOrEqual(lines.count, 4)
    }

    func testSymbolicLinksOutOfTheContentFolderAreRefusedAndInsideItFollowed() throws {
        let site = try TestSite(files: ["pages/about.md": "---\ntitle: About\nsummary: About.\n---\nText.\n"])
        defer { site.remove() }
        let secret = site.root.appendingPathComponent("secret.md").path
        try "---\ntitle: Secret\nsummary: Not to publish.\n---\nPassword.\n".write(toFile: secret, atomically: true, encoding: .utf8)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.content + "/pages/secret.md", withDestinationPath: secret)
        try fm.createSymbolicLink(atPath: site.content + "/pages/alias.md", withDestinationPath: site.content + "/pages/about.md")
        try fm.createDirectory(atPath: site.root.appendingPathComponent("elsewhere").path, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: site.content + "/assets", withDestinationPath: site.root.appendingPathComponent("elsewhere").path)
        let report = site.build()
        let lines = TestSite.lines(report, in: site).filter { $0.contains("error") }
        XCTAssertTrue(lines.contains("pages/secret.md:1:1: error: symbolic link points outside the content folder; it is not published"),
                      lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("assets:1:1: error: symbolic link points outside the content folder; it is not published"),
                      lines.joined(separator: "\n"))
        XCTAssertEqual(lines.count, 2, lines.joined(separator: "\n"))
        // Errors: nothing is published. Without the two links out, the link
        // inside the folder is followed like a file.
        XCTAssertFalse(fm.fileExists(atPath: site.output + "/pages/secret.html"))
        try fm.removeItem(atPath: site.content + "/pages/secret.md")
        try fm.removeItem(atPath: site.content + "/assets")
        XCTAssertFalse(site.build().diagnostics.hasErrors)
        XCTAssertTrue(try site.outputText("pages/alias.html").contains("About"))
    }

    func testUnwritableOutputIsAClearErrorAndNothingElseIsTouched() throws {
        let site = try TestSite(files: ["pages/a.md": "---\ntitle: A\nsummary: A.\n---\nA.\n"])
        defer { site.remove() }
        var options = site.options
        options.output = "/proc/diligence-cannot-write-here/public"
        let report = SiteBuilder(options: options).build()
        XCTAssertNil(report.publishedBytes)
        let errors = report.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].location.file.hasPrefix("/proc/diligence-cannot-write-here"), "\(errors[0].location.file)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/proc/diligence-cannot-write-here"))
    }

    /// A full disk: mounts a 400 kB tmpfs (needs root; skipped elsewhere),
    /// builds a small site into it, then one too big to fit.
    func testFullDiskIsAClearErrorAndThePreviousSiteSurvives() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-full-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=400k", "tmpfs", mountPoint]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { throw XCTSkip("mount is not available") }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("cannot mount a tmpfs here (not root?)") }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run()
            umount.waitUntilExit()
        }
        let site = try TestSite(files: ["pages/a.md": "---\ntitle: A\nsummary: A.\n---\nSmall.\n"])
        defer { site.remove() }
        var options = site.options
        options.output = mountPoint + "/public"
        XCTAssertNotNil(SiteBuilder(options: options).build().publishedBytes)
        let before = try String(contentsOfFile: mountPoint + "/public/pages/a.html", encoding: .utf8)
        let big = (0..<4000).map { "Paragraph \($0) with enough words to take space on a small disk." }.joined(separator: "\n\n")
        try site.write("pages/a.md", "---\ntitle: A\nsummary: A.\n---\n" + big + "\n")
        let report = SiteBuilder(options: options).build()
        XCTAssertNil(report.publishedBytes)
        let errors = report.diagnostics.filter { $0.severity == .error }.map(\.message)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.contains("No space left on device") == true, "\(errors)")
        XCTAssertEqual(try String(contentsOfFile: mountPoint + "/public/pages/a.html", encoding: .utf8), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mountPoint).sorted(), ["public"], "staging removed")
    }
}
