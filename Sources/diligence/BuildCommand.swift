import ArgumentParser
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import Foundation

/// `diligence build`: check, then write the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content, then write the site to the output folder.",
        discussion: "Nothing is written if any error is found: the previous site stays as it was."
    )

    @OptionGroup var options: SiteOptions

    @Flag(help: "Print the time each stage took (load, decode, parse, link, render, search, publish).")
    var timings = false

    @Flag(help: ArgumentHelp(
        "Rebuild only what changed since the last build into the same output folder.",
        discussion: "Keeps a cache in .diligence-cache/. Does a full build, and says why, when there is no cache or when site.yml, a template, an asset, a draft, an option, the build date or the content's git history changed. The output is the same as a full build's."))
    var incremental = false

    @Option(help: ArgumentHelp("Search index chunk size in bytes (tests: small chunks exercise lookups across chunks).",
                               valueName: "bytes", visibility: .hidden))
    var searchChunkBytes: Int?

    func run() throws {
        var buildOptions = try options.buildOptions()
        buildOptions.incremental = incremental
        if let searchChunkBytes { buildOptions.searchChunkBytes = max(64, searchChunkBytes) }
        buildOptions.freesMemory = false  // the process exits next
        let report = SiteBuilder(options: buildOptions).build()
        if incremental, let reason = report.fullBuildReason {
            FileHandle.standardError.write(Data("Full build: \(reason).\n".utf8))
        }
        let published = report.publishedBytes != nil
        Reporter.print(report, options: options, summary: published ? report.summary(output: options.output) : nil)
        if timings {
            var lines = report.stages.map { "  \($0.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(String(format: "%7.3f", $0.seconds)) s" }
            if let items = report.listingItems {
                lines.append("Listing items: \(items.copied) copied from the pages as written, \(items.rendered) rendered")
            }
            if let chunks = report.searchChunksRead {
                lines.append("Search chunks: \(chunks.read) of \(chunks.of) kept read")
            }
            FileHandle.standardError.write(Data(("Stages:\n" + lines.joined(separator: "\n") + "\n").utf8))
        }
        if report.failed(strict: options.strict) || !published { throw ExitCode(1) }
    }
}
