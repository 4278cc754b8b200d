import ArgumentParser
import DiligenceKit

/// `diligence build`: check, then write the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the content, then write the site to the output folder.",
        discussion: "Nothing is written if any error is found: the previous site stays as it was."
    )

    @OptionGroup var options: SiteOptions

    func run() throws {
        let report = SiteBuilder(options: try options.buildOptions()).build()
        let published = report.publishedBytes != nil
        Reporter.print(report, options: options, summary: published ? report.summary(output: options.output) : nil)
        if report.failed(strict: options.strict) || !published { throw ExitCode(1) }
    }
}
