/// The fields of a product-risk example, ready for `product.mustache`.
public struct ProductView: Sendable {
    public struct ControlView: Sendable {
        public var regime: LinkView
        public var entry: String?
        public var noteHTML: String?
    }

    public var category: LinkView
    public var risk: RiskView
    /// Inline HTML of each list item.
    public var capabilities: [String]
    public var misuse: [String]
    public var redFlags: [String]
    public var safeguards: [String]
    public var controls: [ControlView]
    public var countries: [LinkView]
    public var guidance: [LinkView]
    /// The screening page with this product chosen.
    public var screeningURL: String
}
