import DiligenceRender
import DiligenceSupport

/// The record names by number (`SearchNumbering`), and the tables
/// `search/n-<k>.js` the browser reads a result's name from: the names of
/// numbers 64·k to 64·k + 63, six characters each, a number no page has
/// written as `------`. A table with no page is not written (no posting
/// leads there). A first query loads one table per result shown.
package struct SearchNameTables: Sendable, Equatable {
    /// Names per table file.
    package static let perTable = 64
    private static let none = String(repeating: "-", count: SearchRecordNames.length)

    /// By number; empty for a number no page has.
    package let names: [String]
    /// Pages numbered (names not empty).
    package let pageCount: Int
    /// The numbering's tables (`SearchNumbering.tables`), for `facets.js`.
    package let tables: [Range<Int>]

    /// - Parameters:
    ///   - names: the record names in page order (`SearchRecordNames.names`).
    ///   - numbering: their numbers (`SearchNumbering`, made from the same names).
    package init(_ names: [String], numbering: SearchNumbering) {
        var byNumber = [String](repeating: "", count: numbering.count)
        for (page, number) in numbering.numbers.enumerated() { byNumber[number] = names[page] }
        self.names = byNumber
        self.pageCount = names.count
        self.tables = numbering.tables
    }

    /// Whether a page has this number.
    package func isTaken(_ number: Int) -> Bool { number < names.count && !names[number].isEmpty }

    /// How many pages each of `tables` holds (`SearchFacets.encodeTables`).
    package var takenPerTable: [Int] {
        tables.map { table in table.reduce(0) { $0 + (isTaken($1) ? 1 : 0) } }
    }

    /// The tables that have a page: each one's path, and its file unless
    /// `old` has the same names there (then `unchanged` is told its path).
    package func tables(keeping old: SearchNameTables? = nil, unchanged: (String) -> Void = { _ in },
                        emit: (OutputFile) -> Void) {
        for start in stride(from: 0, to: names.count, by: Self.perTable) {
            let end = min(start + Self.perTable, names.count)
            let slice = names[start..<end]
            guard slice.contains(where: { !$0.isEmpty }) else { continue }
            let key = "n-\(start / Self.perTable)"
            if let old, old.names.count >= end, old.names[start..<end] == slice {
                unchanged("search/\(key).js")
                continue
            }
            let joined = slice.map { $0.isEmpty ? Self.none : $0 }.joined()
            emit(OutputFile(path: "search/\(key).js", text: ScriptData.call("DiligenceSearch.put", key, joined)))
        }
    }
}
