import ArgumentParser
import Foundation
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit

/// Options shared by `build` and `check`.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder with site.yml and the Markdown files.", valueName: "dir"))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp("Folder with the site's own templates and CSS, each replacing the built-in file of the same name (default: templates/ beside the content folder, if it exists). See 'diligence templates list'.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Folder the site is written to. Replaced on every build; Diligence refuses to replace a non-empty folder it did not create.", valueName: "dir"))
    var output = "public"

    @Flag(name: .long, help: "Include pages marked 'draft: true'.")
    var drafts = false

    @Flag(name: .long, help: "Treat warnings (overdue reviews, long summaries, orphan pages) as errors.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("How to print problems: human, github (pull-request annotations) or json.", valueName: "format"))
    var format: DiagnosticFormat = .human

    @Option(name: .long, help: ArgumentHelp("Date to check review intervals against (YYYY-MM-DD); default today. Fix it for reproducible output.", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Largest content file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize = 1 << 20

    func buildOptions() throws -> BuildOptions {
        // SOURCE_DATE_EPOCH (reproducible-builds.org) stands for "now" when set.
        let sourceDate = try Self.sourceDate(ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        var date = sourceDate ?? PartialDate.today
        if let today {
            guard let parsed = PartialDate(today), parsed.day != nil else {
                throw ValidationError("--today must be a full date, YYYY-MM-DD")
            }
            date = parsed
        }
        var options = BuildOptions(content: content, templates: templates, output: output, drafts: drafts,
                                   strict: strict, today: date, maxFileSize: maxFileSize)
        options.sourceDate = sourceDate
        return options
    }

    /// The UTC date of a `SOURCE_DATE_EPOCH` value (seconds since 1970).
    static func sourceDate(_ value: String?) throws -> PartialDate? {
        guard let value, !value.isEmpty else { return nil }
        guard let seconds = Int(value), seconds >= 0 else {
            throw ValidationError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (it is \"\(value)\")")
        }
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return PartialDate(year: c.year!, month: c.month!, day: c.day!)
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
