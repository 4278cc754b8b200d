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
