import DiligenceContent

/// One value for each page of the graph, kept by the page's place in its
/// order: filled as an array, read by id. A dictionary keyed by id hashed
/// 10,000 ids to fill, for each table, on every build (`DependencyValues`).
package struct PageValues<Value: Sendable & Equatable>: Sendable, Equatable {
    private let order: PageOrder
    /// In page order.
    package let values: [Value]

    package init(order: PageOrder, values: [Value]) {
        precondition(values.count == order.ids.count, "one value per page")
        self.order = order
        self.values = values
    }

    /// The page's value; nil for an id not in the graph.
    package subscript(id: PageID) -> Value? {
        order.position[id].map { values[$0] }
    }

    package static func == (a: PageValues, b: PageValues) -> Bool {
        a.values == b.values && (a.order === b.order || a.order.ids == b.order.ids)
    }
}
