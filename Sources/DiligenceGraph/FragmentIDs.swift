/// The ids a link may name as `#fragment` on one page, sorted and without
/// repeats. Not a `Set`: an incremental build takes these lists from its
/// cache for every page, and hashing each of them into a set (10,000 sets
/// for one edited page) was about 3 % of a build with no change (`perf`),
/// while a fragment is looked up only for the links of the pages read now.
/// A page has a few dozen ids at most, so a binary search is as quick.
package struct FragmentIDs: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The ids, in `String` order.
    package let sorted: [String]

    /// Ids in any order, repeats allowed.
    package init(_ ids: some Sequence<String>) {
        sorted = Set(ids).sorted()
    }

    /// Ids already sorted and unique (as a build cache keeps them).
    package init(sorted: [String]) {
        assert(zip(sorted, sorted.dropFirst()).allSatisfy { $0 < $1 }, "fragment ids must come sorted, without repeats")
        self.sorted = sorted
    }

    package init(arrayLiteral ids: String...) {
        self.init(ids)
    }

    package func contains(_ id: String) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == id
    }

    package var isEmpty: Bool { sorted.isEmpty }
}
