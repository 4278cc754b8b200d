import DiligenceContent

/// A list of pages for each page (what it links to, what links to it, a
/// product's countries of concern…), kept as places in the graph's page
/// order rather than in a dictionary keyed by id.
///
/// Why: linking the graph of an incremental build's 10,000 pages hashed
/// every page id of every list into dictionaries of arrays of ids, and most
/// of those lists are never read (a title edit renders 15 pages); filling
/// arrays of integers costs a fraction of that, and a list is turned back
/// into ids only when it is read (Benchmarks/HISTORY.md, "Session of
/// 2026-12-06 (06:43–)").
package struct PageRelation: Sendable, Sequence {
    private let order: PageOrder
    /// By place: the places of the pages listed, sorted, without repeats.
    private let lists: [[Int32]]
    /// Lists that name a page outside the graph (a link not checked yet),
    /// and lists of pages outside it: kept as ids, read first.
    private let exceptions: [PageID: [PageID]]

    package init(order: PageOrder, lists: [[Int32]], exceptions: [PageID: [PageID]] = [:]) {
        precondition(lists.count == order.ids.count, "one list per page")
        self.order = order
        self.lists = lists
        self.exceptions = exceptions
    }

    /// The pages listed for `id`, in page order; nil when there are none.
    package subscript(id: PageID) -> [PageID]? {
        if !exceptions.isEmpty, let listed = exceptions[id] { return listed.isEmpty ? nil : listed }
        guard let place = order.position[id] else { return nil }
        let list = lists[place]
        return list.isEmpty ? nil : list.map { order.ids[Int($0)] }
    }

    /// Whether any page is listed for `id`, without making the list.
    package func hasEntries(for id: PageID) -> Bool {
        if !exceptions.isEmpty, let listed = exceptions[id] { return !listed.isEmpty }
        guard let place = order.position[id] else { return false }
        return !lists[place].isEmpty
    }

    /// Every page with a list, and its list: pages of the graph in page order, then the rest.
    package func makeIterator() -> IndexingIterator<[(key: PageID, value: [PageID])]> {
        var pairs: [(key: PageID, value: [PageID])] = []
        for id in order.ids {
            if let list = self[id] { pairs.append((id, list)) }
        }
        for (id, list) in exceptions.sorted(by: { $0.key < $1.key }) where order.position[id] == nil && !list.isEmpty {
            pairs.append((id, list))
        }
        return pairs.makeIterator()
    }
}
