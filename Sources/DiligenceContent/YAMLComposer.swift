import DiligenceDiagnostics
import DiligenceSupport
import Yams

/// Parses YAML text into a Yams `Node` (which keeps line and column marks),
/// turning syntax errors, duplicate keys and tab indentation into diagnostics
/// at the right place in the content file.
package enum YAMLComposer {
    package static func compose(_ yaml: String, position: YAMLPosition, log: DiagnosticLog) -> Node? {
        guard YAMLGuard.check(yaml, position: position, log: log) else { return nil }
        do {
            // The basic resolver tags every plain scalar as a string: the
            // readers take scalars' text and convert it themselves, and Yams'
            // duplicate-key check hashes every key with its resolved tag — with
            // the default resolver, a run of regular expressions per key (7 % of
            // a 10,000-page build). Merge keys need aliases, which YAMLGuard refuses.
            // The encoding is given: Yams' default reads the process's whole
            // environment on every call (`Parser.Encoding.default`, 1.8 % of a build).
            return try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            report(error, position: position, log: log)
        } catch {
            log.error(at: position.location(nil), "cannot read the YAML: \(error)")
        }
        return nil
    }

    private static func report(_ error: YamlError, position: YAMLPosition, log: DiagnosticLog) {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + position.firstLine - 1))" }
            log.error(at: position.location(mark), message, hint: hint(problem: problem, mark: mark, yaml: yaml))
        case .duplicatedKeysInMapping(let duplicates, let context):
            log.error(at: position.location(context.mark),
                      "duplicate field \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in this mapping",
                      hint: "each field may appear once; keep one and delete the others")
        case .reader(let problem, _, _, _):
            log.error(at: position.location(nil), "YAML cannot be read: \(problem)")
        default:
            log.error(at: position.location(nil), "YAML error: \(error)")
        }
    }

    private static func hint(problem: String, mark: Mark, yaml: String) -> String? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= lines.count, lines[mark.line - 1].contains("\t") || problem.contains("tab") {
            return "YAML does not allow tabs for indentation; indent with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted, for example title: \"Risk: high\""
        }
        if problem.contains("could not find expected ':'") {
            return "each field is 'name: value'; check the line above for a missing ':' or an unclosed quote"
        }
        return "check the indentation and quoting around this position"
    }
}
