import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// An index page: groups of links with summaries (countries by region,
/// products by category, guidance in order, a taxonomy term's pages).
public struct ListingView: Sendable {
    public struct Group: Sendable {
        public var heading: String?
        public var id: String?
        /// Where the heading links to (the term's own page), if anywhere.
        public var url: String?
        /// `[LinkView]`, or `PageLinks` for the long lists of pages.
        public var items: any TemplateSequence & Sendable

        public init(heading: String?, id: String?, url: String? = nil, items: [LinkView]) {
            self.heading = heading
            self.id = id
            self.url = url
            self.items = items
        }

        package init(heading: String?, id: String?, url: String? = nil, links: PageLinks) {
            self.heading = heading
            self.id = id
            self.url = url
            self.items = links
        }
    }

    public var intro: String
    public var groups: [Group]
    public var ordered: Bool
    /// Shown when there is nothing to list.
    public var emptyNote: String?

    public init(intro: String, groups: [Group], ordered: Bool, emptyNote: String? = nil) {
        self.intro = intro
        self.groups = groups
        self.ordered = ordered
        self.emptyNote = emptyNote
    }
}

// Field lookup for templates: one case per stored property.
extension ListingView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
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
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "heading": return heading.templateValue
        case "id": return id.templateValue
        case "url": return url.templateValue
        case "items": return .list(items)
        default: return .missing
        }
    }
}
