import DiligenceDiagnostics
import DiligenceSupport

/// The type of a front-matter field, as editors see it. One definition drives
/// the validator's unknown-field check, the generated JSON Schemas and the
/// field reference in CONTRIBUTING.md.
package indirect enum FieldType: Sendable {
    case string
    /// Inline Markdown (emphasis, links), rendered without a paragraph.
    case markdown
    case integer(minimum: Int)
    case boolean
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    case date
    /// `http`, `https` or `mailto` URL.
    case url
    /// An id from a vocabulary of `site.yml` (the key named here).
    case vocabulary(String)
    /// One of a fixed set of values.
    case oneOf([String])
    /// ISO 3166-1 alpha-2 code.
    case countryCode
    /// A reference to another page, in the form described.
    case reference(String)
    /// A URL, or the 1-based index of an entry in `sources`.
    case urlOrSourceIndex
    case list(FieldType)
    case object([FieldSpec])
    /// A mapping whose keys come from a `site.yml` vocabulary.
    case map(keys: String, value: FieldType)

    /// How the type reads in the field reference.
    package var summary: String {
        switch self {
        case .string: return "text"
        case .markdown: return "inline Markdown"
        case .integer(let minimum): return "whole number ≥ \(minimum)"
        case .boolean: return "true or false"
        case .date: return "date (YYYY-MM-DD, YYYY-MM or YYYY)"
        case .url: return "URL (http, https or mailto)"
        case .vocabulary(let key): return "id from `\(key)` in site.yml"
        case .oneOf(let values): return "one of " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .countryCode: return "ISO 3166-1 alpha-2 code"
        case .reference(let form): return "reference (\(form))"
        case .urlOrSourceIndex: return "URL, or number of an entry in `sources`"
        case .list(let item): return "list of " + item.summary
        case .object(let fields): return "{" + fields.map(\.name).joined(separator: ", ") + "}"
        case .map(let keys, let value): return "map from `\(keys)` ids to " + value.summary
        }
    }
}
