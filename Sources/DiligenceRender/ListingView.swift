import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// An index page: groups of links with summaries (countries by region,
/// products by category, guidance in order, a taxonomy term's pages).
package struct ListingView: Sendable {
    package struct Group: Sendable {
        package var heading: String?
        package var id: String?
        /// Where the heading links to (the term's own page), if anywhere.
        package var url: String?
        /// `[LinkView]`, or `PageLinks` or `ChangeLinks` for the long lists of pages.
        package var items: any TemplateSequence & Sendable

        package init(heading: String?, id: String?, url: String? = nil, items: some TemplateSequence & Sendable) {
            self.heading = heading
            self.id = id
            self.url = url
            self.items = items
        }
    }

    package var intro: String
    package var groups: [Group]
    package var ordered: Bool
    /// Shown when there is nothing to list.
    package var emptyNote: String?

    package init(intro: String, groups: [Group], ordered: Bool, emptyNote: String? = nil) {
        self.intro = intro
        self.groups = groups
        self.ordered = ordered
        self.emptyNote = emptyNote
    }
}

// Field lookup for templates: one case per stored property.
extension ListingView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "intro": return intro.templateValue
        case "groups": return groups.templateValue
        case "ordered": return ordered.templateValue
        case "emptyNote": return emptyNote.templateValue
        default: return .missing
        }
    }
}

extension ListingView.Group: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "heading": return heading.templateValue
        case "id": return id.templateValue
        case "url": return url.templateValue
        case "items": return .list(items)
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension ListingView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ListingView") {
        [
            ("intro", .value),
            ("groups", .list(.object(ListingView.Group.templateSchema))),
            ("ordered", .value),
            ("emptyNote", .value),
        ]
    }
}

extension ListingView.Group: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ListingView.Group") {
        [
            ("heading", .value),
            ("id", .value),
            ("url", .value),
            ("items", .list(.object(LinkView.templateSchema))),
        ]
    }
}
