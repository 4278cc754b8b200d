import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

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

// Field lookup for templates: one case per stored property.
extension PageView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "title": return title.templateValue
        case "summary": return summary.templateValue
        case "kindLabel": return kindLabel.templateValue
        case "toc": return toc.templateValue
        case "bodyHTML": return bodyHTML.templateValue
        case "tags": return tags.templateValue
        case "sources": return sources.templateValue
        case "updated": return updated.templateValue
        case "draft": return draft.templateValue
        case "backlinks": return backlinks.templateValue
        case "guidance": return guidance.templateValue
        case "product": return product.templateValue
        case "country": return country.templateValue
        default: return .missing
        }
    }
}

extension PageView.TOCEntry: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "text": return text.templateValue
        case "id": return id.templateValue
        case "level": return level.templateValue
        case "sub": return sub.templateValue
        default: return .missing
        }
    }
}

extension PageView.BacklinkGroup: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "label": return label.templateValue
        case "links": return links.templateValue
        default: return .missing
        }
    }
}
