@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceLinks
import Foundation
import XCTest

/// `diligence links` against a local server: what each answer is reported
/// as and where, HEAD then GET, timeouts, the per-host limit, the cache, the
/// github format and the exit status. No test reaches a real host.
final class LinksTests: XCTestCase {
    var server: LinkTestServer!

    override func setUp() async throws {
        server = LinkTestServer()
        try await server.start()
    }

    override func tearDown() async throws {
        await server.stop()
    }

    /// A page and a country profile with URLs in every kind of place: source
    /// URLs (one quoted), a factor's `source`, a link in a factor's note, a
    /// measure's `url`, and links, an image and an autolink in bodies.
    func content() throws -> (LinkTestContent, page: String, country: String) {
        let base = server.base
        let page = """
        ---
        title: About
        summary: What this is.
        sources:
          - title: OK
            url: \(base)/ok
          - title: Moved
            url: "\(base)/moved"
        ---
        Body [gone](\(base)/gone) and ![img](\(base)/broken).

        A line with <\(base)/nohead> and [again](\(base)/gone), [inside](../pages/x.md).

        """
        let country = """
        ---
        country: FR
        name: France
        summary: A profile.
        region: europe
        risk: low
        risk_basis: Rule.
        factors:
          documented-abuses:
            status: present
            note: See [the report](\(base)/forbidden) for details.
            source: \(base)/hang
        measures:
          - authority: Council
            measure: An advisory.
            url: \(base)/slow/measure
        sources:
          - title: S
            url: \(base)/ok
        reviewed: 2026-01-01
        ---
        Body.

        """
        let site = try LinkTestContent(files: ["pages/about.md": page, "countries/fr.md": country])
        return (site, page, country)
    }

    /// "file:line:column" of the first `needle` in `text`, as the report should give it.
    func position(of needle: String, in text: String, file: String) -> String {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return "\(file):\(index + 1):\(line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: range.lowerBound) + 1)"
            }
        }
        return "\(needle) not found"
    }

    func describe(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)" }
    }

    func testCollectsEveryExternalURLAtItsPosition() throws {
        let (site, page, country) = try content()
        defer { site.remove() }
        let occurrences = try XCTUnwrap(LinkRun(content: site.content, cachePath: nil, maxAge: 0, checker: .init())
            .collect(log: DiagnosticLog()))
        let base = server.base
        let p = site.content + "/pages/about.md", c = site.content + "/countries/fr.md"
        let expected = [
            "\(position(of: base + "/forbidden", in: country, file: c)) \(base)/forbidden",
            "\(position(of: base + "/hang", in: country, file: c)) \(base)/hang",
            "\(position(of: base + "/slow/measure", in: country, file: c)) \(base)/slow/measure",
            "\(position(of: base + "/ok", in: country, file: c)) \(base)/ok",
            "\(position(of: base + "/ok", in: page, file: p)) \(base)/ok",
            "\(position(of: base + "/moved", in: page, file: p)) \(base)/moved",
            "\(position(of: "[gone]", in: page, file: p)) \(base)/gone",
            "\(position(of: "![img]", in: page, file: p)) \(base)/broken",
            "\(position(of: "<" + base, in: page, file: p)) \(base)/nohead",
            "\(position(of: "[again]", in: page, file: p)) \(base)/gone",
        ]
        XCTAssertEqual(occurrences.map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.url)" }, expected)
        // Spot-check the helper against hand-counted positions.
        XCTAssertEqual(position(of: base + "/moved", in: page, file: "f"), "f:8:11", "past the opening quote")
        XCTAssertEqual(position(of: "[gone]", in: page, file: "f"), "f:10:6")
    }

    func testReportsEachOutcomeAtEachPlace() async throws {
        let (site, page, country) = try content()
        defer { site.remove() }
        let run = LinkRun(content: site.content, cachePath: nil, maxAge: 0, checker: .init(timeout: 1))
        let occurrences = try XCTUnwrap(run.collect(log: DiagnosticLog()))
        let started = Date()
        let report = await run.check(occurrences)
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "the hanging server (30 s) is given up on after the 1 s timeout, with room for a loaded machine")

        let base = server.base
        let p = site.content + "/pages/about.md", c = site.content + "/countries/fr.md"
        XCTAssertEqual(report.results["\(base)/ok"]?.verdict, .ok)
        XCTAssertEqual(report.results["\(base)/nohead"]?.verdict, .ok, "GET after the HEAD was refused")
        XCTAssertEqual(report.results["\(base)/moved"]?.finalURL, "\(base)/ok")
        XCTAssertEqual(report.results["\(base)/hang"]?.networkFailure, true)
        XCTAssertEqual(describe(report.diagnostics), [
            "\(position(of: base + "/forbidden", in: country, file: c)): refused by the server (403 Forbidden): check by hand: \(base)/forbidden",
            "\(position(of: base + "/hang", in: country, file: c)): dead link (timed out after 1 s): \(base)/hang",
            "\(position(of: base + "/moved", in: page, file: p)): redirected: \(base)/moved → \(base)/ok",
            "\(position(of: "[gone]", in: page, file: p)): dead link (404 Not Found): \(base)/gone",
            "\(position(of: "![img]", in: page, file: p)): dead link (500 Internal Server Error): \(base)/broken",
            "\(position(of: "[again]", in: page, file: p)): dead link (404 Not Found): \(base)/gone",
        ])
        XCTAssertEqual(report.summary, "8 URLs checked (0 from cache), 3 dead, 1 redirected, 1 refused")
        let log = server.log
        XCTAssertEqual(log.filter { $0.hasSuffix(" /nohead") }, ["HEAD /nohead", "GET /nohead"])
        XCTAssertEqual(log.filter { $0.hasSuffix(" /ok") }, ["HEAD /ok", "HEAD /ok"], "once for itself, once as /moved's target; not once per place")
        XCTAssertEqual(log.filter { $0.hasSuffix(" /gone") }, ["HEAD /gone", "GET /gone"], "a HEAD 404 is asked again with GET")
    }

    /// A redirect's address may be relative to the request's (a web
    /// server adding a folder's slash answers `Location: /folder/`): it is
    /// followed like an absolute one, from HEAD as from GET.
    func testFollowsRelativeRedirects() async throws {
        let base = server.base
        let results = await LinkChecker(options: .init(timeout: 5)).check([base + "/folder", base + "/relative-gone"])
        XCTAssertEqual(results.map(\.verdict), [.redirected, .dead])
        XCTAssertEqual(results.map(\.finalURL), [base + "/folder/", base + "/gone"])
        XCTAssertEqual(results.map(\.detail), ["200 OK", "404 Not Found"])
    }

    func testNeverMoreThanTheLimitPerHost() async throws {
        let urls = (1...6).map { "\(server.base)/slow/\($0)" }
        let results = await LinkChecker(options: .init(perHost: 2, overall: 8, timeout: 5)).check(urls)
        XCTAssertEqual(results.map(\.verdict), Array(repeating: .ok, count: 6))
        XCTAssertEqual(results.map(\.url), urls, "results in the order asked")
        XCTAssertEqual(server.maxConcurrent, 2, "two at a time to one host, never more")
    }

    func testLimiterKeepsBothLimits() async {
        final class Counts: @unchecked Sendable {
            let lock = NSLock()
            var perHost: [String: Int] = [:], total = 0, maxPerHost = 0, maxTotal = 0
        }
        let counts = Counts()
        let limiter = HostLimiter(perHost: 2, overall: 3)
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<24 {
                let host = ["a", "b", "c"][i % 3]
                group.addTask {
                    await limiter.acquire(host)
                    counts.lock.withLock {
                        counts.perHost[host, default: 0] += 1
                        counts.total += 1
                        counts.maxPerHost = max(counts.maxPerHost, counts.perHost[host]!)
                        counts.maxTotal = max(counts.maxTotal, counts.total)
                    }
                    try? await Task.sleep(nanoseconds: 20_000_000)
                    counts.lock.withLock {
                        counts.perHost[host]! -= 1
                        counts.total -= 1
                    }
                    await limiter.release(host)
                }
            }
        }
        XCTAssertLessThanOrEqual(counts.maxPerHost, 2)
        XCTAssertEqual(counts.maxTotal, 3)
    }

    func testCacheSkipsFreshGoodResultsAndExpires() async throws {
        let base = server.base
        let site = try LinkTestContent(files: ["pages/a.md": """
            ---
            title: A
            summary: A page.
            ---
            [ok](\(base)/ok) [moved](\(base)/moved) [gone](\(base)/gone)

            """])
        defer { site.remove() }
        let run = LinkRun(content: site.content, cachePath: site.cache, maxAge: 7 * 86_400, checker: .init(timeout: 2))
        let occurrences = try XCTUnwrap(run.collect(log: DiagnosticLog()))
        let day0 = Date(timeIntervalSince1970: 1_800_000_000)

        let first = await run.check(occurrences, now: day0)
        XCTAssertEqual(first.summary, "3 URLs checked (0 from cache), 1 dead, 1 redirected, 0 refused")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site.cache))) as? [String: Any]
        XCTAssertEqual(saved?["version"] as? Int, 1)
        let links = saved?["links"] as? [[String: Any]] ?? []
        XCTAssertEqual(links.map { $0["url"] as? String }, ["\(base)/moved", "\(base)/ok"], "only good results are kept")
        XCTAssertEqual(links.first?["final_url"] as? String, "\(base)/ok")
        XCTAssertEqual(links.first?["checked"] as? String, "2027-01-15T08:00:00Z")

        server.resetCounts()
        let second = await run.check(occurrences, now: day0.addingTimeInterval(6 * 86_400))
        XCTAssertEqual(server.log, ["HEAD /gone", "GET /gone"], "fresh good results are not asked again; the dead one is")
        XCTAssertEqual(second.summary, "3 URLs checked (2 from cache), 1 dead, 1 redirected, 0 refused")
        XCTAssertEqual(describe(second.diagnostics).count, 2, "a cached redirect is still reported")

        server.resetCounts()
        _ = await run.check(occurrences, now: day0.addingTimeInterval(8 * 86_400))
        XCTAssertEqual(server.log.sorted(), ["GET /gone", "HEAD /gone", "HEAD /moved", "HEAD /ok", "HEAD /ok"].sorted(),
                       "entries older than --max-age are checked again")

        server.resetCounts()
        let uncached = LinkRun(content: site.content, cachePath: nil, maxAge: 7 * 86_400, checker: .init(timeout: 2))
        _ = await uncached.check(occurrences, now: day0.addingTimeInterval(8 * 86_400))
        XCTAssertEqual(server.log.count, 5, "--no-cache asks everything")
    }

    func testGithubFormatAnnotatesEachPlace() async throws {
        let base = server.base
        let site = try LinkTestContent(files: ["pages/a.md": "---\ntitle: A\nsummary: A page.\n---\nSee [gone](\(base)/gone).\n"])
        defer { site.remove() }
        let run = LinkRun(content: site.content, cachePath: nil, maxAge: 0, checker: .init(timeout: 2))
        let report = await run.check(try XCTUnwrap(run.collect(log: DiagnosticLog())))
        let file = site.content + "/pages/a.md"
        XCTAssertEqual(DiagnosticPrinter(format: .github).render(report.diagnostics),
                       "::warning file=\(file),line=5,col=5::dead link (404 Not Found): \(base)/gone%0AHint: find where the document moved and update the URL, or cite another copy (an archived copy is a last resort)\n")
    }

    func testOfflineIsOneLineNotADeadLinkPerURL() {
        let now = Date()
        let results = ["https://a.example/1", "https://b.example/2", "https://c.example/3"].map {
            LinkResult(url: $0, verdict: .dead, detail: "host not found (DNS)", checked: now, networkFailure: true)
        }
        let occurrences = results.map { LinkOccurrence(url: $0.url, location: SourceLocation(file: "f.md")) }
        let report = LinkReport(occurrences: occurrences, results: results)
        XCTAssertTrue(report.looksOffline)
        XCTAssertEqual(report.diagnostics, [])
        XCTAssertEqual(report.summary, "3 URLs on 3 hosts: none could be reached (host not found (DNS)); is this machine offline? No link was reported as dead.")
        let two = LinkReport(occurrences: Array(occurrences.prefix(2)), results: Array(results.prefix(2)))
        XCTAssertFalse(two.looksOffline, "two dead hosts are two dead links")
        XCTAssertEqual(two.diagnostics.count, 2)
    }

    /// The real command: dead links leave the status 0, or 1 with --strict.
    func testStrictExitStatus() throws {
        let executable = try diligenceExecutable()
        let base = server.base
        let site = try LinkTestContent(files: ["pages/a.md": "---\ntitle: A\nsummary: A page.\n---\n[ok](\(base)/ok) [gone](\(base)/gone)\n"])
        defer { site.remove() }
        func run(_ extra: [String]) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["links", "--content", site.content, "--no-cache", "--timeout", "2"] + extra
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let plain = try run([])
        XCTAssertEqual(plain.status, 0)
        XCTAssertTrue(plain.stderr.hasSuffix("2 URLs checked (0 from cache), 1 dead, 0 redirected, 0 refused\n"), plain.stderr)
        let strict = try run(["--strict", "--format", "github"])
        XCTAssertEqual(strict.status, 1)
        let column = "[ok](\(base)/ok) ".count + 1
        XCTAssertTrue(strict.stderr.hasPrefix("::warning file=\(site.content)/pages/a.md,line=5,col=\(column)::dead link (404 Not Found)"), strict.stderr)
    }

    /// The `diligence` executable built beside the tests.
    func diligenceExecutable() throws -> String {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable = binary.appendingPathComponent("diligence").path
        if !FileManager.default.fileExists(atPath: executable) {
            executable = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/diligence").path
        }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("diligence executable not built at \(executable)")
        }
        return executable
    }

    /// On Linux the executable does not load libcurl (and the thirty
    /// libraries it needs) when it starts: `Ccurl` loads it when Foundation's
    /// networking first calls it, which only `links` does (and the strict
    /// test above shows `links` still works). The dynamic loader lists what
    /// it would load (`LD_TRACE_LOADED_OBJECTS`, what `ldd` uses).
    func testTheExecutableStartsWithoutLibcurl() throws {
        #if os(Linux)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try diligenceExecutable())
        process.arguments = ["--help"]
        process.environment = ["LD_TRACE_LOADED_OBJECTS": "1"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let loaded = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertTrue(loaded.contains("libcmark"), loaded)
        XCTAssertFalse(loaded.contains("libcurl"), loaded)
        XCTAssertFalse(loaded.contains("libgnutls") || loaded.contains("libssl"), loaded)
        #else
        throw XCTSkip("Foundation's networking is the system's on macOS")
        #endif
    }
}
