import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The screening page's form: the products and countries to choose from
/// (rendered into the HTML, so the page reads sensibly before its script runs).
package struct ScreeningView: Sendable {
    package struct Option: Sendable {
        package var id: String
        package var title: String
    }

    package var products: [Option]
    package var countries: [Option]
    /// The generated data file and the script that reads it, relative to the page.
    package var dataURL: String
    package var scriptURL: String
}

// Field lookup for templates: one case per stored property.
extension ScreeningView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "products": return .list(ScreeningOptions(products))
        case "countries": return .list(ScreeningOptions(countries))
        case "dataURL": return dataURL.templateValue
        case "scriptURL": return scriptURL.templateValue
        default: return .missing
        }
    }
}

extension ScreeningView.Option: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "id": return id.templateValue
        case "title": return title.templateValue
        default: return .missing
        }
    }

    /// Both fields: the form's 10,000 options are copied from the page as
    /// written when they did not change (`TemplateRow`).
    package var reuseKey: UInt64? {
        var hasher = StableHasher()
        hasher.combine(id)
        hasher.combine(title)
        return hasher.value
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension ScreeningView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ScreeningView") {
        [
            ("products", .list(.object(ScreeningView.Option.templateSchema))),
            ("countries", .list(.object(ScreeningView.Option.templateSchema))),
            ("dataURL", .value),
            ("scriptURL", .value),
        ]
    }
}

extension ScreeningView.Option: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("ScreeningView.Option") {
        [
            ("id", .value),
            ("title", .value),
        ]
    }
}
