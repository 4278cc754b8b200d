import DiligenceSupport
import Foundation

/// `facets.js` brought up to date without looking at every page: the last
/// build's file read back into each value's pages, the changed pages'
/// old numbers taken out and their values put in. At 10,000 pages, working
/// every page's values out again and gathering them took 18 ms of CPU time
/// of a new page's 0.26 s (a what-if build without it, alternating); the
/// file read back is 10 kB.
extension SearchFacets {
    /// Where the file is, in the output folder.
    package static let path = "search/facets.js"

    /// The file (`ScriptData.call`, which the results page's script takes in).
    package var file: OutputFile {
        OutputFile(path: Self.path, text: ScriptData.call("DiligenceSearch.put", "facets", self))
    }

    /// The facets of a `file` as written; nil if it is not in that form.
    package static func read(file bytes: [UInt8]) -> SearchFacets? {
        let prefix = Array(#"DiligenceSearch.put("facets","#.utf8), suffix = Array(");\n".utf8)
        guard bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix), bytes.suffix(suffix.count).elementsEqual(suffix) else {
            return nil
        }
        return try? JSONDecoder().decode(SearchFacets.self, from: Data(bytes[prefix.count..<(bytes.count - suffix.count)]))
    }

    /// Each value's pages, ascending (the inverse of `encode`,
    /// `encodeTables` and `encodeEach`); nil if a list is not in one of
    /// their forms.
    /// - Parameter isTaken: whether a number had a page: a value written
    ///   as tables' ranges holds the numbers no page had too.
    package func pagesOf(isTaken: (Int) -> Bool) -> [String: [String: [Int]]]? {
        var pagesOf: [String: [String: [Int]]] = [:]
        for dimension in dims {
            var values: [String: [Int]] = [:]
            if let each = dimension.each {
                guard let lists = Self.decodeEach(each, values: dimension.values.count) else { return nil }
                for (value, pages) in zip(dimension.values, lists) where !pages.isEmpty { values[value.id] = pages }
            } else {
                for value in dimension.values {
                    guard let pages = Self.decode(value.docs, isTaken: isTaken) else { return nil }
                    values[value.id] = pages
                }
            }
            pagesOf[dimension.id] = values
        }
        return pagesOf
    }

    /// The pages of one value's list, in any of `encode`'s forms or as
    /// tables' ranges (`~`, only the numbers `isTaken`).
    static func decode(_ docs: String, isTaken: (Int) -> Bool) -> [Int]? {
        guard let first = docs.first else { return [] }
        func numbers(_ text: Substring) -> [Int]? {
            var out: [Int] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let value = Int(part, radix: 36), value >= 0 else { return nil }
                out.append(value)
            }
            return out
        }
        switch first {
        case "~", "+":
            guard let pairs = numbers(docs.dropFirst()), pairs.count % 2 == 0 else { return nil }
            var pages: [Int] = []
            var end = 0
            for k in stride(from: 0, to: pairs.count, by: 2) {
                let start = end + pairs[k]
                end = start + pairs[k + 1]
                pages += first == "~" ? (start..<end).filter(isTaken) : Array(start..<end)
            }
            return pages
        case "!":
            guard let colon = docs.firstIndex(of: ":"), let start = Int(docs[docs.index(after: docs.startIndex)..<colon], radix: 36) else {
                return nil
            }
            var pages: [Int] = []
            for (k, byte) in docs[docs.index(after: colon)...].utf8.enumerated() {
                guard let digit = bitsAlphabet.firstIndex(of: byte) else { return nil }
                for bit in 0..<5 where digit & (1 << (4 - bit)) != 0 { pages.append(start + k * 5 + bit) }
            }
            return pages
        default:
            guard let deltas = numbers(docs[...]) else { return nil }
            var page = 0
            return deltas.map { page += $0; return page }
        }
    }

    /// The pages of each of `values` values from a filter's `each` form
    /// (`encodeEach`).
    static func decodeEach(_ each: String, values: Int) -> [[Int]]? {
        let parts = each.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let start = Int(parts[0], radix: 36), let perDigit = Int(parts[1]), perDigit > 0 else { return nil }
        let states = values + 1
        var lists = [[Int]](repeating: [], count: values)
        var page = start
        for byte in parts[2].utf8 {
            guard var code = eachAlphabet.firstIndex(of: byte) else { return nil }
            var digits = [Int](repeating: 0, count: perDigit)
            for k in (0..<perDigit).reversed() {
                digits[k] = code % states
                code /= states
            }
            for (k, value) in digits.enumerated() where value > 0 { lists[value - 1].append(page + k) }
            page += perDigit
        }
        return lists
    }

    /// Each value's pages after a patch.
    /// - Parameters:
    ///   - pagesOf: before, by old number (`pagesOf(isTaken:)`).
    ///   - renumbered: old number → new number, nil for a page removed.
    ///   - dropped: the old numbers of the pages whose values are given
    ///     again in `changed` (changed, moved) or that are gone.
    ///   - changed: new number → that page's values now (`SearchDocument.facets`).
    package static func patched(_ pagesOf: [String: [String: [Int]]], renumbered: [Int?], dropped: [Bool],
                                changed: [Int: [String: [String]]]) -> [String: [String: [Int]]] {
        var out: [String: [String: [Int]]] = [:]
        for (dimension, values) in pagesOf {
            var kept: [String: [Int]] = [:]
            for (value, pages) in values {
                kept[value] = pages.compactMap { old in
                    old < renumbered.count && !dropped[old] ? renumbered[old] : nil
                }
            }
            out[dimension] = kept
        }
        for (number, facets) in changed {
            for (dimension, values) in facets {
                for value in values { out[dimension, default: [:]][value, default: []].append(number) }
            }
        }
        // Numbers are one page's each, and a page gives each value once
        // (`SearchDocument.facets`): sorting is all the lists need.
        for (dimension, values) in out {
            out[dimension] = values.compactMapValues { $0.isEmpty ? nil : $0.sorted() }
        }
        return out
    }
}
