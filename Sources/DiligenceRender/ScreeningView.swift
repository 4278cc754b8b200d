import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The screening page's form: the products and countries to choose from
/// (rendered into the HTML, so the page reads sensibly before its script runs).
public struct ScreeningView: Sendable {
    public struct Option: Sendable {
        public var id: String
        public var title: String
    }

    public var products: [Option]
    public var countries: [Option]
    /// The generated data file and the script that reads it, relative to the page.
    public var dataURL: String
    public var scriptURL: String
}

// Field lookup for templates: one case per stored property.
extension ScreeningView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "products": return products.templateValue
        case "countries": return countries.templateValue
        case "dataURL": return dataURL.templateValue
        case "scriptURL": return scriptURL.templateValue
        default: return .missing
        }
    }
}

extension ScreeningView.Option: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "id": return id.templateValue
        case "title": return title.templateValue
        default: return .missing
        }
    }

    /// Both fields: the form's 10,000 options are copied from the page as
    /// written when they did not change (`TemplateRow`).
    public var reuseKey: UInt64? {
        var hasher = StableHasher()
        hasher.combine(id)
        hasher.combine(title)
        return hasher.value
    }
}
