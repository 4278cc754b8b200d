import DiligenceSupport

/// The ways diagnostics can be printed.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `file:line:col: error: message` with an indented hint; colour on a terminal.
    case human
    /// GitHub Actions workflow commands, which show as annotations on a pull
    /// request's changed lines.
    case github
    /// One JSON document, for other tools.
    case json
}
