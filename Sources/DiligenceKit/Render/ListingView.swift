/// An index page: groups of links with summaries (countries by region,
/// products by category, guidance in order).
public struct ListingView: Sendable {
    public struct Group: Sendable {
        public var heading: String?
        public var id: String?
        public var items: [LinkView]
    }

    public var intro: String
    public var groups: [Group]
    public var ordered: Bool
}
