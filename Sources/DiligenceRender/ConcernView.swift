import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A documented concern as a page shows it: where it is recorded (on other
/// pages than the country's own), what it names, its basis and its source,
/// all visible (the source's title and address print on paper).
package struct ConcernView: Sendable {
    /// The country that records it; nil on the country's own page.
    package var country: LinkView?
    package var products: [LinkView]
    package var categories: [LinkView]
    package var basisHTML: String
    package var source: CitationView
}

// Field lookup for templates: one case per stored property.
extension ConcernView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "country": return country.templateValue
        case "products": return products.templateValue
        case "categories": return categories.templateValue
        case "basisHTML": return basisHTML.templateValue
        case "source": return source.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension ConcernView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ConcernView") {
        [
            ("country", .object(LinkView.templateSchema)),
            ("products", .list(.object(LinkView.templateSchema))),
            ("categories", .list(.object(LinkView.templateSchema))),
            ("basisHTML", .value),
            ("source", .object(CitationView.templateSchema)),
        ]
    }
}
