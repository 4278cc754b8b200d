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
