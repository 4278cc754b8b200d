import DiligenceContent
import DiligenceGraph

/// The number each page has in the search index's posting lists, facets
/// and name tables: a slot in a table of its kind (and, for a product, of
/// its category), taken from its record name's hash, not its place in page
/// order.
///
/// Numbered in page order, a page added before others moved every later
/// number: every posting list and all ~870 chunk files changed, and an
/// added page cost an incremental build some 50 ms more than an edit at
/// 10,000 pages (Benchmarks/README.md, "Session of 2026-12-07 (04:52–)").
/// A slot moves only when another page takes it first: an added page
/// moves no other page, or the one or few in its run of taken slots.
/// A moved page leaves every list it is in and comes back under its new
/// number, so each move costs a patch about what the added page does, and
/// the fuller the table, the more moves. Tables were at most three quarters
/// full until 2026-12-07: 40 new pages added one after another to the
/// 10,000-page corpus moved 0.6 pages each on average (12 of 40 moved one
/// or more, up to 5), and the benchmark's five new pages 3, 0, 3, 1 and 3.
/// At most half full, 0.24 (9 of 41, up to 2), and 1, 0, 1, 1 and 2, for
/// 2.5 kB more `facets.js` and 96 more name tables (Benchmarks/README.md,
/// "Session of 2026-12-07 (12:39–)").
///
/// Tables follow one another in a fixed order (kinds, then categories by
/// id), each a power of two of at least 64 slots and at most half full,
/// so that a kind's or a category's pages stay one range of numbers:
/// `facets.js` gives such a filter value as ranges (`SearchFacets`), and
/// stays near the size it had with page order (13.0 kB against 8.8 kB at
/// 10,000 pages). A table that must grow, a kind or category that comes or
/// goes, moves the tables after it: that build is a full one (the planner
/// compares the tables, `OutputDecider`).
package struct SearchNumbering: Sendable, Equatable {
    /// Slots per table at least, and the most of a table pages may fill.
    package static let smallestTable = 64
    package static let fullest = 0.5

    /// Each page's number, in page order.
    package let numbers: [Int]
    /// The tables, in number order; no table is empty.
    package let tables: [Range<Int>]

    /// Numbers after the last table: the size of the name tables' space.
    package var count: Int { tables.last?.upperBound ?? 0 }

    /// A page's table: its kind and, for a product, its category. Tables
    /// come in the order of these (kinds in `PageKind` order, then
    /// categories by id).
    package struct Group: Hashable, Comparable, Sendable {
        package var kind: Int
        package var category: String

        package static func < (a: Group, b: Group) -> Bool { (a.kind, a.category) < (b.kind, b.category) }
    }

    /// - Parameters:
    ///   - names: each page's record name (`SearchRecordNames`), in page order.
    ///   - groups: each page's table (`group(_:_:)`), in page order.
    package init(names: [String], groups: [Group]) {
        var members: [Group: [Int]] = [:]
        for (page, group) in groups.enumerated() { members[group, default: []].append(page) }
        // A name's hash is its value in base 36; names have one length, so
        // their order is their values' order.
        let hashes = names.map(Self.hash)
        var numbers = [Int](repeating: 0, count: names.count)
        var tables: [Range<Int>] = []
        var base = 0
        for group in members.keys.sorted() {
            // Placed in name order: a page's slot depends on the names in
            // its table alone, never on page order.
            let pages = members[group]!.sorted { hashes[$0] < hashes[$1] }
            var size = Self.smallestTable
            while Double(pages.count) > Double(size) * Self.fullest { size *= 2 }
            var taken = [Bool](repeating: false, count: size)
            for page in pages {
                var slot = hashes[page] % size
                while taken[slot] { slot = (slot + 1) % size }
                taken[slot] = true
                numbers[page] = base + slot
            }
            tables.append(base..<(base + size))
            base += size
        }
        self.numbers = numbers
        self.tables = tables
    }

    /// A page's table.
    package static func group(_ kind: PageKind, _ details: PageDetails) -> Group {
        let index = PageKind.allCases.firstIndex(of: kind) ?? 0
        if case .product(let product) = details { return Group(kind: index, category: product.category) }
        return Group(kind: index, category: "")
    }

    /// A record name (six base-36 characters) as a number.
    private static func hash(_ name: String) -> Int {
        var value = 0
        for byte in name.utf8 {
            value = value * 36 + Int(byte <= UInt8(ascii: "9") ? byte &- UInt8(ascii: "0") : byte &- UInt8(ascii: "a") &+ 10)
        }
        return value
    }
}
