/// A content page ready for its template: the shared parts (title, body, table
/// of contents, sources, backlinks) and the parts of its kind.
public struct PageView: Sendable {
    public struct TOCEntry: Sendable {
        public var text: String
        public var id: String
        public var level: Int
        public var sub: Bool
    }

    public struct BacklinkGroup: Sendable {
        public var label: String
        public var links: [LinkView]
    }

    public var title: String
    public var summary: String
    public var kindLabel: String
    public var toc: [TOCEntry]
    public var bodyHTML: String
    public var tags: [String]
    public var sources: [SourceView]
    public var updated: String?
    public var draft: Bool
    public var backlinks: [BacklinkGroup]
    public var guidance: GuidanceView?
    public var product: ProductView?
    public var country: CountryView?
}
