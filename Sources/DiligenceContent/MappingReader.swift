import DiligenceDiagnostics
import DiligenceSupport
import Yams

/// Reads one YAML mapping of front matter against its `FieldSpec`s, turning
/// values into Swift types and reporting every deviation — unknown key (with
/// "did you mean"), missing required field, wrong type — at the line and column
/// of the offending key or value.
package final class MappingReader {
    package let position: YAMLPosition
    package let log: DiagnosticLog
    /// Where the mapping starts; missing fields are reported here.
    package let start: SourceLocation
    private var values: [String: Node] = [:]
    private var keyNodes: [String: Node] = [:]

    /// Reads `node` as a mapping; reports and returns nil when it is not one.
    /// - Parameter what: the thing described, for messages ("a source", "front matter of a product page").
    package init?(_ node: Node, specs: [FieldSpec], what: String, position: YAMLPosition, log: DiagnosticLog) {
        self.position = position
        self.log = log
        self.start = position.location(of: node)
        guard case .mapping(let mapping) = node else {
            log.error(at: position.location(of: node), "\(what) must be a set of 'key: value' fields, not \(MappingReader.describe(node))")
            return nil
        }
        let names = specs.map(\.name)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                log.error(at: position.location(of: keyNode), "a field name must be plain text")
                continue
            }
            guard names.contains(key.string) else {
                log.error(at: position.location(of: keyNode), "unknown field '\(key.string)' in \(what)",
                          hint: Suggestion.hint(for: key.string, in: names, noun: "known fields"))
                continue
            }
            keyNodes[key.string] = keyNode
            if !MappingReader.isNull(value) { values[key.string] = value }
        }
        for spec in specs where spec.required && values[spec.name] == nil {
            if let keyNode = keyNodes[spec.name] {
                log.error(at: position.location(of: keyNode), "'\(spec.name)' is empty in \(what)",
                          hint: "give it a value: \(spec.type.summary)")
            } else {
                log.error(at: start, "missing required field '\(spec.name)' in \(what)",
                          hint: "add '\(spec.name):' (\(spec.type.summary)) — \(spec.doc)")
            }
        }
    }

    /// The value node of a field, if present and not null.
    package func node(_ key: String) -> Node? { values[key] }

    /// Where the field's key is written, or the mapping's start.
    package func keyLocation(_ key: String) -> SourceLocation {
        keyNodes[key].map { position.location(of: $0) } ?? start
    }

    package func location(of node: Node) -> SourceLocation { position.location(of: node) }

    // MARK: Scalars

    package func string(_ key: String) -> String? {
        guard let node = values[key] else { return nil }
        return scalarString(node, field: key)
    }

    /// A scalar as text (numbers and dates written bare are text too).
    package func scalarString(_ node: Node, field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            log.error(at: location(of: node), "'\(field)' must be text, not \(MappingReader.describe(node))",
                      hint: node.sequence != nil ? "write one value, or remove the '-' list markers" : nil)
            return nil
        }
        if scalar.string.hasPrefix(Scaffold.placeholder) {
            log.error(at: location(of: node), "'\(field)' still holds a placeholder: \(scalar.string.prefix(60))",
                      hint: "replace it with the value (CONTRIBUTING.md explains each field), or delete the line if the field is optional")
            return nil
        }
        return scalar.string
    }

    package func locatedString(_ key: String) -> Located<String>? {
        guard let node = values[key], let s = scalarString(node, field: key) else { return nil }
        return Located(s, at: location(of: node))
    }

    package func integer(_ key: String, minimum: Int) -> Int? {
        guard let node = values[key], let text = scalarString(node, field: key) else { return nil }
        guard let n = Int(text.trimmingSpaces), n >= minimum else {
            log.error(at: location(of: node), "'\(key)' must be a whole number of \(minimum) or more, not '\(text)'")
            return nil
        }
        return n
    }

    package func boolean(_ key: String) -> Bool? {
        guard let node = values[key], let text = scalarString(node, field: key) else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            log.error(at: location(of: node), "'\(key)' must be true or false, not '\(text)'")
            return nil
        }
    }

    package func date(_ key: String) -> PartialDate? {
        guard let node = values[key] else { return nil }
        return date(node, field: key)
    }

    package func date(_ node: Node, field: String) -> PartialDate? {
        guard let text = scalarString(node, field: field) else { return nil }
        guard let date = PartialDate(text.trimmingSpaces) else {
            log.error(at: location(of: node), "'\(field)' is not a valid date: '\(text)'",
                      hint: "write YYYY-MM-DD, YYYY-MM or YYYY (for example 2023-03-30)")
            return nil
        }
        return date
    }

    package func url(_ key: String) -> String? {
        guard let node = values[key] else { return nil }
        return url(node, field: key)
    }

    package func url(_ node: Node, field: String) -> String? {
        guard let text = scalarString(node, field: field) else { return nil }
        guard URLCheck.isAllowedExternal(text) else {
            log.error(at: location(of: node), "'\(field)' is not an http, https or mailto URL: '\(text)'",
                      hint: "write the full address, starting with https://")
            return nil
        }
        return text
    }

    /// An id from a vocabulary, with "did you mean" when it is not in it.
    package func vocabularyID(_ key: String, in vocabulary: Vocabulary, vocabularyName: String) -> String? {
        guard let node = values[key] else { return nil }
        return vocabularyID(node, field: key, in: vocabulary, vocabularyName: vocabularyName)
    }

    package func vocabularyID(_ node: Node, field: String, in vocabulary: Vocabulary, vocabularyName: String) -> String? {
        guard let text = scalarString(node, field: field) else { return nil }
        guard vocabulary.contains(text) else {
            log.error(at: location(of: node), "'\(text)' is not one of the \(vocabularyName) in site.yml",
                      hint: Suggestion.hint(for: text, in: vocabulary.ids, noun: "allowed values"))
            return nil
        }
        return text
    }

    // MARK: Collections

    /// The items of a list field; a single scalar is reported (lists must be lists).
    package func list(_ key: String) -> [Node] {
        guard let node = values[key] else { return [] }
        guard case .sequence(let sequence) = node else {
            log.error(at: location(of: node), "'\(key)' must be a list, not \(MappingReader.describe(node))",
                      hint: "write each item on its own line starting with '- ', or as [a, b]")
            return []
        }
        return Array(sequence)
    }

    package func stringList(_ key: String) -> [Located<String>] {
        list(key).compactMap { item in
            scalarString(item, field: key).map { Located($0, at: location(of: item)) }
        }
    }

    /// Static helpers
    package static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    package static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .sequence: return "a list"
        case .mapping: return "a set of fields"
        case .alias: return "an alias"
        }
    }
}

extension String {
    package var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
