import DiligenceContent
import DiligenceSupport
import DiligenceTemplate

/// The edition as every page's footer shows it, so a printed page can be
/// traced to the content it came from.
package struct EditionView: Sendable {
    /// "5e34a8a of 2 December 2026" (`Edition.label`).
    package var label: String
    /// The commit's short and full names; nil without git.
    package var hash: String?
    package var fullHash: String?
    package var date: String
    package var dateISO: String
    package var uncommitted: Bool

    package init(_ edition: Edition, strings: InterfaceStrings) {
        label = strings.label(edition)
        hash = edition.commit?.shortHash
        fullHash = edition.commit?.hash
        date = strings.date(edition.date)
        dateISO = edition.date.description
        uncommitted = edition.uncommitted
    }
}

// Field lookup for templates: one case per stored property.
extension EditionView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "label": return label.templateValue
        case "hash": return hash.templateValue
        case "fullHash": return fullHash.templateValue
        case "date": return date.templateValue
        case "dateISO": return dateISO.templateValue
        case "uncommitted": return uncommitted.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension EditionView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("EditionView") {
        [
            ("label", .value),
            ("hash", .value),
            ("fullHash", .value),
            ("date", .value),
            ("dateISO", .value),
            ("uncommitted", .value),
        ]
    }
}
