import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A cited source as templates show it.
package struct SourceView: Sendable {
    package var number: Int
    package var title: String
    package var publisher: String?
    package var date: String?
    package var url: String?
    /// An official document number, for sources a reader looks up offline.
    package var reference: String?

    package init(_ source: Source, number: Int, strings: InterfaceStrings) {
        self.number = number
        self.title = source.title
        self.publisher = source.publisher
        self.date = source.date.map(strings.date)
        self.url = source.url
        self.reference = source.reference
    }
}

// Field lookup for templates: one case per stored property.
extension SourceView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
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

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension SourceView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("SourceView") {
        [
            ("number", .value),
            ("title", .value),
            ("publisher", .value),
            ("date", .value),
            ("url", .value),
            ("reference", .value),
        ]
    }
}
