/// The risk matrix: countries (rows, grouped by region) × product categories
/// (columns). A cell lists the products of that category the knowledge base
/// documents a concern about in that country.
public struct MatrixView: Sendable {
    public struct Cell: Sendable {
        public var products: [LinkView]
        public var concern: Bool
        /// The column's label, repeated for screen readers and narrow screens.
        public var category: String
    }

    public struct Row: Sendable {
        public var country: LinkView
        public var cells: [Cell]
    }

    public struct RegionGroup: Sendable {
        public var region: LinkView
        public var rows: [Row]
        /// Number of columns + 1, for the region heading row's `colspan`.
        public var span: Int
    }

    public var columns: [LinkView]
    public var regions: [RegionGroup]
    public var concerns: Int
}
