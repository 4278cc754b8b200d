import DiligenceContent
import DiligenceSupport
import DiligenceTemplate

/// When a page last changed and its recent changes, from the content's git
/// history: what a reader checks before trusting a page, beside its
/// review date.
package struct PageHistoryView: Sendable {
    package struct Change: Sendable {
        package var date: String
        package var dateISO: String
        package var subject: String
        package var hash: String
        package var fullHash: String
    }

    /// The newest change (also first in `changes`).
    package var lastChanged: Change
    /// The most recent changes, newest first (at most `limit`).
    package var changes: [Change]
    /// The older changes not listed ("3 earlier changes"); nil when none.
    package var earlier: String?

    /// Most changes a page lists.
    package static let limit = 5

    /// Nil when the page's file has no commit (new, or no history read).
    package init?(_ commits: [ContentCommit], strings: InterfaceStrings) {
        guard !commits.isEmpty else { return nil }
        let changes = commits.prefix(Self.limit).map {
            Change(date: strings.date($0.date), dateISO: $0.date.description, subject: $0.subject, hash: $0.shortHash, fullHash: $0.hash)
        }
        self.lastChanged = changes[0]
        self.changes = Array(changes)
        let older = commits.count - changes.count
        self.earlier = older > 0 ? strings.count("history_earlier", older) : nil
    }
}

// Field lookup for templates: one case per stored property.
extension PageHistoryView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "lastChanged": return lastChanged.templateValue
        case "changes": return changes.templateValue
        case "earlier": return earlier.templateValue
        default: return .missing
        }
    }
}

extension PageHistoryView.Change: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "date": return date.templateValue
        case "dateISO": return dateISO.templateValue
        case "subject": return subject.templateValue
        case "hash": return hash.templateValue
        case "fullHash": return fullHash.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension PageHistoryView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("PageHistoryView") {
        [
            ("lastChanged", .object(PageHistoryView.Change.templateSchema)),
            ("changes", .list(.object(PageHistoryView.Change.templateSchema))),
            ("earlier", .value),
        ]
    }
}

extension PageHistoryView.Change: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("PageHistoryView.Change") {
        [
            ("date", .value),
            ("dateISO", .value),
            ("subject", .value),
            ("hash", .value),
            ("fullHash", .value),
        ]
    }
}
