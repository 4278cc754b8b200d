import Mustache

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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension ScreeningView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "products": return products
        case "countries": return countries
        case "dataURL": return dataURL
        case "scriptURL": return scriptURL
        default: return nil
        }
    }
}

extension ScreeningView.Option: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "title": return title
        default: return nil
        }
    }
}
