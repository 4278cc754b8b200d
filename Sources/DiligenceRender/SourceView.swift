import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A cited source as templates show it.
public struct SourceView: Sendable {
    public var number: Int
    public var title: String
    public var publisher: String?
    public var date: String?
    public var url: String?
    /// An official document number, for sources a reader looks up offline.
    public var reference: String?

    package init(_ source: Source, number: Int) {
        self.number = number
        self.title = source.title
        self.publisher = source.publisher
        self.date = source.date?.readable
        self.url = source.url
        self.reference = source.reference
    }
}

// Field lookup for templates: one case per stored property.
extension SourceView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "number": return number.templateValue
        case "title": return title.templateValue
        case "publisher": return publisher.templateValue
        case "date": return date.templateValue
        case "url": return url.templateValue
        case "reference": return reference.templateValue
        default: return .missing
        }
    }
}
