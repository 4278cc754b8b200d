import Mustache

/// An index page: groups of links with summaries (countries by region,
/// products by category, guidance in order, a taxonomy term's pages).
public struct ListingView: Sendable {
    public struct Group: Sendable {
        public var heading: String?
        public var id: String?
        /// Where the heading links to (the term's own page), if anywhere.
        public var url: String?
        public var items: [LinkView]

        public init(heading: String?, id: String?, url: String? = nil, items: [LinkView]) {
            self.heading = heading
            self.id = id
            self.url = url
            self.items = items
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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension ListingView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "intro": return intro
        case "groups": return groups
        case "ordered": return ordered
        case "emptyNote": return emptyNote
        default: return nil
        }
    }
}

extension ListingView.Group: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "heading": return heading
        case "id": return id
        case "url": return url
        case "items": return items
        default: return nil
        }
    }
}
