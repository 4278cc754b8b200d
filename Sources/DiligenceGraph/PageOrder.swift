import DiligenceContent

/// The graph's pages in id order, and each page's place in it: the one
/// table from ids to places that the graph's relations share.
package final class PageOrder: Sendable {
    /// Page ids, sorted.
    package let ids: [PageID]
    /// Each id's place in `ids`.
    package let position: [PageID: Int]

    package init(ids: [PageID], position: [PageID: Int]) {
        self.ids = ids
        self.position = position
    }
}
