/// The JSON object of each country and product in a `data/screening.js`
/// written before, by page id: what an incremental build passes to
/// `ScreeningData` for the pages whose facts did not change.
///
/// Reads only what `ScreeningData.script()` writes (the fixed text around
/// the lists, objects whose strings are JSON-escaped); anything else gives
/// nil, and the file is written again from the pages.
struct ScreeningFragments: Sendable {
    var countries: [PageID: ArraySlice<UInt8>] = [:]
    var products: [PageID: ArraySlice<UInt8>] = [:]

    init?(_ file: [UInt8]) {
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
                guard let end = Self.objectEnd(file, from: i), let slug = Self.id(file[i..<end]) else { return nil }
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

    /// The index just past the object starting at `start` (a `{`), skipping
    /// strings (`"…"`, with `\` escapes); nil if it does not close.
    private static func objectEnd(_ file: [UInt8], from start: Int) -> Int? {
        guard start < file.count, file[start] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var i = start
        var inString = false
        while i < file.count {
            let byte = file[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return nil
    }

    /// The object's own `"id"` (not one of a nested object's): a slug, which
    /// never needs escaping; nil if there is none or it holds an escape.
    private static func id(_ object: ArraySlice<UInt8>) -> String? {
        var depth = 0
        var inString = false
        var i = object.startIndex
        let key = Array(#""id":""#.utf8)
        while i < object.endIndex {
            let byte = object[i]
            if inString {
                if byte == UInt8(ascii: "\\") { i += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            if depth == 1, byte == UInt8(ascii: "\""), object[i...].starts(with: key) {
                let start = i + key.count
                guard let end = object[start...].firstIndex(of: UInt8(ascii: "\"")),
                      !object[start..<end].contains(UInt8(ascii: "\\")) else { return nil }
                return String(decoding: object[start..<end], as: UTF8.self)
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
            i += 1
        }
        return nil
    }
}
