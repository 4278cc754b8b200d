import Mustache

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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension PageView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "summary": return summary
        case "kindLabel": return kindLabel
        case "toc": return toc
        case "bodyHTML": return bodyHTML
        case "tags": return tags
        case "sources": return sources
        case "updated": return updated
        case "draft": return draft
        case "backlinks": return backlinks
        case "guidance": return guidance
        case "product": return product
        case "country": return country
        default: return nil
        }
    }
}

extension PageView.TOCEntry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "id": return id
        case "level": return level
        case "sub": return sub
        default: return nil
        }
    }
}

extension PageView.BacklinkGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "links": return links
        default: return nil
        }
    }
}
