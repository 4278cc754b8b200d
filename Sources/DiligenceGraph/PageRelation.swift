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
/// 2026-12-06 (06:43–)"). The lists are stored end to end (`places`), each
/// page's starting at its `starts` entry: two arrays, which the next
/// incremental build takes back as they were written (`KeptLinks`) instead
/// of 10,000.
package struct PageRelation: Sendable, Sequence {
    private let order: PageOrder
    /// By place: where each page's list starts in `places` (one more entry
    /// than pages: the last is where the lists end).
    package let starts: [Int32]
    /// The places of the pages listed, each page's sorted, without repeats.
    package let places: [Int32]
    /// Lists that name a page outside the graph (a link not checked yet),
    /// and lists of pages outside it: kept as ids, read first.
    private let exceptions: [PageID: [PageID]]

    package init(order: PageOrder, lists: [[Int32]], exceptions: [PageID: [PageID]] = [:]) {
        precondition(lists.count == order.ids.count, "one list per page")
        var starts: [Int32] = []
        starts.reserveCapacity(lists.count + 1)
        var places: [Int32] = []
        places.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists {
            starts.append(Int32(places.count))
            places += list
        }
        starts.append(Int32(places.count))
        self.init(order: order, starts: starts, places: places, exceptions: exceptions)
    }

    /// The lists as `starts` and `places` give them (`KeptLinks`).
    package init(order: PageOrder, starts: [Int32], places: [Int32], exceptions: [PageID: [PageID]] = [:]) {
        precondition(starts.count == order.ids.count + 1, "one list per page")
        self.order = order
        self.starts = starts
        self.places = places
        self.exceptions = exceptions
    }

    /// Whether every list names pages of the graph only (what `KeptLinks` can keep).
    package var isWithinGraph: Bool { exceptions.isEmpty }

    private func list(_ place: Int) -> ArraySlice<Int32> {
        places[Int(starts[place])..<Int(starts[place + 1])]
    }

    /// The pages listed for `id`, in page order; nil when there are none.
    package subscript(id: PageID) -> [PageID]? {
        if !exceptions.isEmpty, let listed = exceptions[id] { return listed.isEmpty ? nil : listed }
        guard let place = order.position[id] else { return nil }
        let list = list(place)
        return list.isEmpty ? nil : list.map { order.ids[Int($0)] }
    }

    /// Whether any page is listed for `id`, without making the list.
    package func hasEntries(for id: PageID) -> Bool {
        if !exceptions.isEmpty, let listed = exceptions[id] { return !listed.isEmpty }
        guard let place = order.position[id] else { return false }
        return starts[place] != starts[place + 1]
    }

    /// Whether any page is listed for the page at `place`.
    package func hasEntries(at place: Int) -> Bool {
        if !exceptions.isEmpty, let listed = exceptions[order.ids[place]] { return !listed.isEmpty }
        return starts[place] != starts[place + 1]
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
