import DiligenceContent
import DiligenceKit
@testable import DiligenceServe
import Foundation
import XCTest

/// `diligence serve` on an ephemeral port: pages with the right types, HEAD,
/// the site's 404, no way out of the preview folder, and a rebuild with a
/// reload event after an edit (or the problems, after a broken edit).
final class PreviewServerTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var root: String!
    var server: PreviewServer!
    var port: UInt16 = 0

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-serve-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(atPath: PreviewServerTests.repository.appendingPathComponent(folder).path, toPath: root + "/" + folder)
        }
        var options = BuildOptions(content: root + "/content", templates: root + "/templates", output: root + "/preview",
                                   today: PartialDate(year: 2026, month: 12, day: 2))
        options.cacheDirectory = root + "/.diligence-cache"
        server = PreviewServer(options: options, port: 0)
        port = try await server.start()
    }

    override func tearDown() async throws {
        await server.stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    func testServesPagesWithTypesHeadAnd404() throws {
        let page = try RawHTTP.request("GET /index.html HTTP/1.1", port: port)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(page.body.contains("<script src=\"/__diligence/live.js\"></script></body>"))
        XCTAssertTrue(page.body.contains("connect-src 'self'"), "the preview lets the reload script open its event stream")
        XCTAssertEqual(try RawHTTP.request("GET /static/style.css HTTP/1.1", port: port).headers["content-type"], "text/css; charset=utf-8")
        XCTAssertEqual(try RawHTTP.request("GET /feed.xml HTTP/1.1", port: port).headers["content-type"], "application/atom+xml")
        XCTAssertEqual(try RawHTTP.request("GET /search/meta.js HTTP/1.1", port: port).headers["content-type"], "text/javascript; charset=utf-8")
        XCTAssertEqual(try RawHTTP.request("GET / HTTP/1.1", port: port).status, 200, "a folder serves its index.html")

        let head = try RawHTTP.request("HEAD /index.html HTTP/1.1", port: port)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(Int(head.headers["content-length"] ?? ""), page.body.utf8.count)
        XCTAssertEqual(head.body, "")

        let missing = try RawHTTP.request("GET /countries/zz.html HTTP/1.1", port: port)
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.contains("Page not found"), "the site's own 404 page")
        XCTAssertEqual(try RawHTTP.request("POST /index.html HTTP/1.1", port: port).status, 405)
    }

    func testNothingOutsideThePreviewFolderIsServed() throws {
        try FileManager.default.createSymbolicLink(atPath: root + "/preview/leak.txt", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root + "/preview/etc", withDestinationPath: "/etc")
        for path in ["/../../../../etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                     "/static/..%5c..%5c..%5cetc%5cpasswd", "/leak.txt", "/etc/passwd", "/index.html%00.css", "//etc/passwd"] {
            let response = try RawHTTP.request("GET \(path) HTTP/1.1", port: port)
            XCTAssertTrue([400, 404].contains(response.status), "\(path): \(response.status)")
            XCTAssertFalse(response.body.contains("root:"), "\(path) leaked a file")
        }
    }

    func testEditRebuildsAndReloadsBrokenEditShowsProblemsAndKeepsLastGoodSite() throws {
        let events = try RawHTTP.EventReader(port: port)
        XCTAssertTrue(events.waitFor("event: ok", timeout: 5), events.received)
        let about = root + "/content/pages/about.md"
        let original = try String(contentsOfFile: about, encoding: .utf8)
        let started = Date()
        try (original + "\nA sentence added while the preview runs.\n").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.waitFor("event: reload", timeout: 5), events.received)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5, "an edit shows within about a second")
        XCTAssertTrue(try RawHTTP.request("GET /pages/about.html HTTP/1.1", port: port).body.contains("A sentence added while the preview runs."))
        // Rebuilt incrementally: one changed page, a handful of files.
        let rebuild = try XCTUnwrap(server.lastReport)
        XCTAssertNil(rebuild.fullBuildReason)
        XCTAssertEqual(rebuild.changedPages, 1)
        XCTAssertLessThan(rebuild.fileCount, 15)

        try original.replacingOccurrences(of: "title: About this site", with: "titel: About this site")
            .write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.waitFor("event: problems", timeout: 5), events.received)
        XCTAssertTrue(events.waitFor("}]\n\n", timeout: 2), events.received)
        let problems = events.consumed
        XCTAssertTrue(problems.contains("unknown field 'titel' in the front matter of a page"), problems)
        XCTAssertTrue(problems.contains("\"line\":2"), problems)
        XCTAssertTrue(problems.contains("content\\/pages\\/about.md"), problems)
        let still = try RawHTTP.request("GET /pages/about.html HTTP/1.1", port: port)
        XCTAssertEqual(still.status, 200)
        XCTAssertTrue(still.body.contains("A sentence added while the preview runs."), "the last good site is still served")

        // A page that connects while the build is broken gets the problems at once.
        let late = try RawHTTP.EventReader(port: port)
        XCTAssertTrue(late.waitFor("event: problems", timeout: 5), late.received)
        events.close()
        late.close()
    }

    /// A commit changes every page's edition without changing a file of the
    /// content: the preview notices it through git's log of HEAD.
    func testACommitRebuildsThePreviewWithTheNewEdition() async throws {
        func git(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false",
                                 "-c", "init.defaultBranch=main", "-C", root] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
            environment["GIT_CONFIG_NOSYSTEM"] = "1"
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        await server.stop()
        _ = try git(["init", "-q"])
        _ = try git(["add", "content"])
        _ = try git(["commit", "-q", "-m", "First edition"])
        var options = BuildOptions(content: root + "/content", templates: root + "/templates", output: root + "/preview-git",
                                   today: PartialDate(year: 2026, month: 12, day: 2))
        options.cacheDirectory = root + "/.diligence-cache-git"
        server = PreviewServer(options: options, port: 0)
        port = try await server.start()
        let first = try git(["rev-parse", "--short=7", "HEAD"])
        XCTAssertTrue(try RawHTTP.request("GET /pages/about.html HTTP/1.1", port: port).body.contains(">\(first)</code>"))

        let events = try RawHTTP.EventReader(port: port)
        XCTAssertTrue(events.waitFor("event: ok", timeout: 5), events.received)
        // An edit: the preview shows it as uncommitted.
        let about = root + "/content/pages/about.md"
        try (try String(contentsOfFile: about, encoding: .utf8) + "\nA new sentence.\n").write(toFile: about, atomically: true, encoding: .utf8)
        XCTAssertTrue(events.waitFor("event: reload", timeout: 5), events.received)
        XCTAssertTrue(try RawHTTP.request("GET /pages/about.html HTTP/1.1", port: port).body.contains("with uncommitted changes"))
        // Committing it changes no file of the content, but the edition.
        _ = events.consumed
        _ = try git(["commit", "-q", "-am", "Second edition"])
        let second = try git(["rev-parse", "--short=7", "HEAD"])
        XCTAssertTrue(events.waitFor("event: reload", timeout: 5), events.received)
        let page = try RawHTTP.request("GET /pages/about.html HTTP/1.1", port: port).body
        XCTAssertTrue(page.contains(">\(second)</code>") && !page.contains("with uncommitted changes"), "the new edition is served")
        events.close()
    }

    func testBuildOutputNeverCarriesTheReloadScript() throws {
        let output = root + "/public"
        let report = SiteBuilder(options: BuildOptions(content: root + "/content", templates: root + "/templates", output: output,
                                                       today: PartialDate(year: 2026, month: 12, day: 2))).build()
        XCTAssertNotNil(report.publishedBytes)
        let enumerator = FileManager.default.enumerator(atPath: output)
        var checked = 0
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".html") else { continue }
            let html = try String(contentsOfFile: output + "/" + file, encoding: .utf8)
            XCTAssertFalse(html.contains("__diligence"), file)
            XCTAssertTrue(html.contains("connect-src 'none'"), file)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 50)
    }
}
