import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A content page ready for its template: the shared parts (title, body, table
/// of contents, sources, backlinks) and the parts of its kind.
package struct PageView: Sendable {
    package struct TOCEntry: Sendable {
        package var text: String
        package var id: String
        package var level: Int
        package var sub: Bool
    }

    package struct BacklinkGroup: Sendable {
        package var label: String
        package var links: [LinkView]
    }

    package var title: String
    package var summary: String
    package var kindLabel: String
    package var toc: [TOCEntry]
    package var bodyHTML: String
    package var tags: [String]
    package var sources: [SourceView]
    package var updated: String?
    /// When the page last changed and its recent changes; nil without git history.
    package var history: PageHistoryView? = nil
    /// The language of the page's own texts when it is not the page's
    /// (an untranslated page shows its original): for `lang` and a notice.
    package var textLanguage: String? = nil
    package var draft: Bool
    package var backlinks: [BacklinkGroup]
    package var guidance: GuidanceView?
    package var product: ProductView?
    package var country: CountryView?
}

// Field lookup for templates: one case per stored property.
extension PageView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "title": return title.templateValue
        case "summary": return summary.templateValue
        case "kindLabel": return kindLabel.templateValue
        case "toc": return toc.templateValue
        case "bodyHTML": return bodyHTML.templateValue
        case "tags": return tags.templateValue
        case "sources": return sources.templateValue
        case "updated": return updated.templateValue
        case "history": return history.templateValue
        case "textLanguage": return textLanguage.templateValue
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
    package func value(named name: String) -> TemplateValue {
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
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "label": return label.templateValue
        case "links": return links.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension PageView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("PageView") {
        [
            ("title", .value),
            ("summary", .value),
            ("kindLabel", .value),
            ("toc", .list(.object(PageView.TOCEntry.templateSchema))),
            ("bodyHTML", .value),
            ("tags", .list(.value)),
            ("sources", .list(.object(SourceView.templateSchema))),
            ("updated", .value),
            ("history", .object(PageHistoryView.templateSchema)),
            ("textLanguage", .value),
            ("draft", .value),
            ("backlinks", .list(.object(PageView.BacklinkGroup.templateSchema))),
            ("guidance", .object(GuidanceView.templateSchema)),
            ("product", .object(ProductView.templateSchema)),
            ("country", .object(CountryView.templateSchema)),
        ]
    }
}

extension PageView.TOCEntry: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("PageView.TOCEntry") {
        [
            ("text", .value),
            ("id", .value),
            ("level", .value),
            ("sub", .value),
        ]
    }
}

extension PageView.BacklinkGroup: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("PageView.BacklinkGroup") {
        [
            ("label", .value),
            ("links", .list(.object(LinkView.templateSchema))),
        ]
    }
}
