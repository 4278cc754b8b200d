import ArgumentParser
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit

/// `diligence check`: validate everything, write nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every content file and template and report all problems; write nothing.",
        discussion: """
        Each problem is reported at its file, line and column with a hint. Exit status is 1 \
        when there is an error (or a warning, with --strict), 0 otherwise. In CI, use \
        --format github to see problems as annotations on a pull request.
        """
    )

    @OptionGroup var options: SiteOptions

    func run() throws {
        var buildOptions = try options.buildOptions()
        buildOptions.freesMemory = false  // the process exits next
        let report = SiteBuilder(options: buildOptions).check()
        Reporter.print(report, options: options, summary: nil)
        if report.failed(strict: options.strict) { throw ExitCode(1) }
    }
}
