import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

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
        file.withUnsafeBufferPointer { object(in: $0, from: start) }
    }

    /// The same over the file's buffer. Most of an object's bytes are in its
    /// strings, skipped with `memchr` from quote to quote (a quote after an
    /// odd run of backslashes is escaped, and the search goes on): reading
    /// the 25 MB of an incremental build's old export and screening files
    /// a byte at a time through the array's bounds checks was about a fifth
    /// of rendering them.
    package static func object(in file: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, id: String?)? {
        guard start < file.count, let base = file.baseAddress, file[start] == UInt8(ascii: "{") else { return nil }
        let key: StaticString = #""id":""#
        let keyCount = key.utf8CodeUnitCount
        var id: String?
        var depth = 0
        var i = start
        while i < file.count {
            switch base[i] {
            case UInt8(ascii: "\""):
                if depth == 1, id == nil, i + keyCount <= file.count, memcmp(base + i, key.utf8Start, keyCount) == 0 {
                    let from = i + keyCount
                    guard let to = closingQuote(base, count: file.count, from: from, escapes: false) else { return nil }
                    if memchr(base + from, Int32(UInt8(ascii: "\\")), to - from) == nil {
                        id = String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
                    }
                }
                // Past the string (the key, or any other).
                guard let close = closingQuote(base, count: file.count, from: i + 1, escapes: true) else { return nil }
                i = close
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

    /// The index of the first quote at or after `from` that ends a string:
    /// with `escapes`, one not escaped by the backslashes before it (counted
    /// back to `from`, where the string's text starts).
    private static func closingQuote(_ base: UnsafePointer<UInt8>, count: Int, from: Int, escapes: Bool) -> Int? {
        var p = from
        while p < count {
            guard let found = memchr(base + p, Int32(UInt8(ascii: "\"")), count - p) else { return nil }
            let q = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard escapes else { return q }
            var backslashes = 0
            while q - backslashes - 1 >= from, base[q - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return q }
            p = q + 1
        }
        return nil
    }
}
