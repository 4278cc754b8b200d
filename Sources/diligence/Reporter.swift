import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import Foundation

/// Prints a report's diagnostics and closing line in the chosen format.
enum Reporter {
    static func print(_ report: BuildReport, options: SiteOptions, summary: String?) {
        let colour = options.format == .human && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let printer = DiagnosticPrinter(format: options.format, colour: colour)
        let text = printer.render(report.diagnostics)
        if options.format == .json {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        FileHandle.standardError.write(Data(text.utf8))
        for note in report.notes {
            let line = options.format == .github ? "::notice::" + note : "note: " + note
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let errors = report.diagnostics.errorCount
        let warnings = report.diagnostics.warningCount
        var closing: String
        if errors > 0 || (options.strict && warnings > 0) {
            closing = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            if options.strict && errors == 0 { closing += " (--strict: warnings count as errors)" }
        } else if let summary {
            closing = summary + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : "")
        } else {
            closing = "No errors, \(warnings) warning\(warnings == 1 ? "" : "s") in \(report.pageCounts.values.reduce(0, +)) pages"
        }
        FileHandle.standardError.write(Data((closing + "\n").utf8))
    }

    /// Diagnostics that do not come from a build (`diligence links`), then a closing line of the command's own.
    static func write(_ diagnostics: [Diagnostic], format: DiagnosticFormat, closing: String) {
        let colour = format == .human && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let text = DiagnosticPrinter(format: format, colour: colour).render(diagnostics)
        if format == .json {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        FileHandle.standardError.write(Data((text + closing + "\n").utf8))
    }
}
