import DiligenceSupport

/// How serious a diagnostic is. Errors fail `check` and `build`; warnings fail
/// them only under `--strict`.
public enum Severity: String, Sendable, Comparable, Codable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}
