import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The JSON object of each country and product in a `data/screening.js`
/// written before, by page id: what an incremental build passes to
/// `ScreeningData` for the pages whose facts did not change.
///
/// Reads only what `ScreeningData.script()` writes (the fixed text around
/// the lists, objects whose strings are JSON-escaped); anything else gives
/// nil, and the file is written again from the pages.
package struct ScreeningFragments: Sendable {
    package var countries: [PageID: ArraySlice<UInt8>] = [:]
    package var products: [PageID: ArraySlice<UInt8>] = [:]

    package init?(_ file: [UInt8]) {
        var i = 0
        func expect(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            guard i + bytes.count <= file.count, file[i..<(i + bytes.count)].elementsEqual(bytes) else { return false }
            i += bytes.count
            return true
        }
        /// The objects of one list, up to its closing `]` (not consumed).
        func objects(_ kind: PageKind) -> [PageID: ArraySlice<UInt8>]? {
            var found: [PageID: ArraySlice<UInt8>] = [:]
            while i < file.count, file[i] != UInt8(ascii: "]") {
                if !found.isEmpty {
                    guard file[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                }
                guard let (end, slug) = Self.object(in: file, from: i), let slug else { return nil }
                found[PageID(kind, slug)] = file[i..<end]
                i = end
            }
            return found
        }
        guard expect(ScreeningData.prefix), let countries = objects(.country), expect(ScreeningData.afterCountries) else { return nil }
        // The guidance steps are written again every time (they are few).
        guard objects(.guidance) != nil, expect(ScreeningData.afterGuidance), let products = objects(.product),
              expect(ScreeningData.suffix), i == file.count else { return nil }
        self.countries = countries
        self.products = products
    }

    /// The object starting at `start` (a `{`): the index just past it, and
    /// its own `"id"` (not a nested object's), a slug, which never needs
    /// escaping (an id holding an escape counts as none). Strings (`"…"`,
    /// with `\` escapes) are skipped whole; nil if the object does not close.
    package static func object(in file: [UInt8], from start: Int) -> (end: Int, id: String?)? {
        guard start < file.count, file[start] == UInt8(ascii: "{") else { return nil }
        let key = Array(#""id":""#.utf8)
        var id: String?
        var depth = 0
        var i = start
        while i < file.count {
            switch file[i] {
            case UInt8(ascii: "\""):
                if depth == 1, id == nil, file[i...].starts(with: key) {
                    let from = i + key.count
                    guard let to = file[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                    if !file[from..<to].contains(UInt8(ascii: "\\")) { id = String(decoding: file[from..<to], as: UTF8.self) }
                }
                // Past the string (the key, or any other).
                i += 1
                while i < file.count, file[i] != UInt8(ascii: "\"") { i += file[i] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return (i + 1, id) }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
