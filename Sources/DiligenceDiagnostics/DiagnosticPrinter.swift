import DiligenceSupport
import Foundation

/// Turns diagnostics into text in one of the `DiagnosticFormat`s.
public struct DiagnosticPrinter: Sendable {
    public var format: DiagnosticFormat
    /// ANSI colours, for the human format on a terminal only.
    public var colour: Bool

    public init(format: DiagnosticFormat, colour: Bool = false) {
        self.format = format
        self.colour = colour
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch format {
        case .human: return diagnostics.map(human).joined()
        case .github: return diagnostics.map(github).joined()
        case .json: return json(diagnostics)
        }
    }

    private func human(_ d: Diagnostic) -> String {
        let loc = "\(d.location.file):\(d.location.line):\(d.location.column)"
        let label: String
        if colour {
            label = d.severity == .error ? "\u{1B}[1;31merror\u{1B}[0m" : "\u{1B}[1;33mwarning\u{1B}[0m"
        } else {
            label = d.severity.rawValue
        }
        var out = "\(colour ? "\u{1B}[1m" + loc + "\u{1B}[0m" : loc): \(label): \(d.message)\n"
        if let hint = d.hint { out += "    hint: \(hint)\n" }
        return out
    }

    /// `::error file=…,line=…,col=…,title=…::message` — properties and message
    /// escaped as the Actions toolkit does, so a `,` or newline cannot end them early.
    private func github(_ d: Diagnostic) -> String {
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25")
                .replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        var message = d.message
        if let hint = d.hint { message += "\nHint: " + hint }
        return "::\(d.severity.rawValue) file=\(escapeProperty(d.location.file)),line=\(d.location.line),col=\(d.location.column)::\(escapeData(message))\n"
    }

    private func json(_ diagnostics: [Diagnostic]) -> String {
        struct Report: Encodable {
            var errors: Int
            var warnings: Int
            var diagnostics: [Entry]
        }
        struct Entry: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: Severity
            var message: String
            var hint: String?
        }
        let report = Report(
            errors: diagnostics.errorCount,
            warnings: diagnostics.warningCount,
            diagnostics: diagnostics.map {
                Entry(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                      severity: $0.severity, message: $0.message, hint: $0.hint)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
