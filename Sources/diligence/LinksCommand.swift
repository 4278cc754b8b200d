import ArgumentParser
#if canImport(Ccurl)
import Ccurl
#endif
import DiligenceDiagnostics
import DiligenceLinks
import Foundation

/// `diligence links`: check that every external URL in the content still answers.
struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Check every external (http, https) URL in the content: sources, measures, notes and page bodies.",
        discussion: """
        Each dead, redirected or refused URL is reported as a warning at the file, line and \
        column where it is written. Dead links (404, 410, 5xx, host not found, connection \
        refused, timeout) leave the exit status 0 unless --strict. A 401, 403 or 429 is \
        reported as refused, to check by hand: bot protection answers scripts that way. \
        URLs that answered well are remembered in .diligence-cache/links.json and not asked \
        again for --max-age days. See docs/links.md.
        """
    )

    @Option(name: .long, help: ArgumentHelp("Folder with site.yml and the Markdown files.", valueName: "dir"))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp("How to print problems: human, github (pull-request annotations) or json.", valueName: "format"))
    var format: DiagnosticFormat = .human

    @Flag(name: .long, help: "Exit with status 1 when any link is dead (or none could be reached).")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Seconds one URL may take, redirects included.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(name: .long, help: ArgumentHelp("Days a URL that answered well is trusted without asking again.", valueName: "days"))
    var maxAge: Double = 7

    @Flag(name: .long, help: "Neither read nor write the cache: ask every URL.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("The cache file.", valueName: "file"))
    var cache = ".diligence-cache/links.json"

    @Option(name: .long, help: ArgumentHelp("Requests at once to one host.", valueName: "n"))
    var perHost = 2

    @Option(name: .long, help: ArgumentHelp("Requests at once in all.", valueName: "n"))
    var concurrency = 8

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        guard maxAge >= 0 else { throw ValidationError("--max-age cannot be negative") }
        guard perHost >= 1, concurrency >= 1 else { throw ValidationError("--per-host and --concurrency must be at least 1") }
    }

    func run() async throws {
        let run = LinkRun(content: content, cachePath: noCache ? nil : cache, maxAge: maxAge * 86_400,
                          checker: LinkChecker.Options(perHost: perHost, overall: concurrency, timeout: timeout))
        let log = DiagnosticLog()
        guard let occurrences = run.collect(log: log) else {
            Reporter.write(log.diagnostics, format: format, closing: "No URL checked: the content folder could not be read")
            throw ExitCode(1)
        }
        #if canImport(Ccurl)
        // Foundation's requests go through libcurl, loaded only now (Ccurl).
        guard diligence_curl_load() != 0 else {
            FileHandle.standardError.write(Data("error: `diligence links` makes its requests through libcurl, which could not be loaded (libcurl.so.4)\n    hint: install it (Debian/Ubuntu: apt-get install libcurl4; Swift's own prerequisites include it)\n".utf8))
            throw ExitCode(1)
        }
        #endif
        let report = await run.check(occurrences) { requests, cached in
            guard format == .human, requests > 0 else { return }
            let line = "Checking \(requests) URL\(requests == 1 ? "" : "s") (\(cached) answered by the cache, timeout \(LinksCommand.seconds(timeout)))…\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        Reporter.write(report.diagnostics, format: format, closing: report.summary)
        if strict, report.dead > 0 { throw ExitCode(1) }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
