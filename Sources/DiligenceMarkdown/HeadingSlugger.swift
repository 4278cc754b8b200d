import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// Makes heading ids: lower case, diacritics removed (`État` → `etat`), letters
/// and digits of any script kept (so Chinese or Arabic headings get ids too),
/// spaces and hyphens joined into single hyphens, everything else dropped.
/// Repeated ids get `-1`, `-2`, … in document order, as GitHub does, so the
/// ids are stable across builds.
package struct HeadingSlugger: Sendable {
    private var used: [String: Int] = [:]

    package init(reserved: [String] = []) {
        for id in reserved { used[id] = 0 }
    }

    /// Starts from a table of reserved ids built once (copy-on-write).
    package init(reservedTable: [String: Int]) {
        used = reservedTable
    }

    package mutating func id(for text: String) -> String {
        let base = HeadingSlugger.slug(text)
        guard let count = used[base] else {
            used[base] = 0
            return base
        }
        var n = count + 1
        while used["\(base)-\(n)"] != nil { n += 1 }
        used[base] = n
        used["\(base)-\(n)"] = 0
        return "\(base)-\(n)"
    }

    package static func slug(_ text: String) -> String {
        asciiSlug(text) ?? unicodeSlug(text)
    }

    /// `unicodeSlug` for a heading of ASCII only, on its bytes: most
    /// headings are, and Foundation's normalisations and the scalar
    /// properties were 3 % of a full build of 10,000 long pages. The same
    /// rules: ASCII letters are the alphabetic scalars, digits the numeric
    /// ones, tab to carriage return and space the white space.
    static func asciiSlug(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in text.utf8 {
            var kept = byte
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"), 0x09...0x0D:
                pendingHyphen = true
                continue
            default: continue
            }
            if pendingHyphen, !out.isEmpty { out.append(UInt8(ascii: "-")) }
            pendingHyphen = false
            out.append(kept)
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }

    /// The slug of any heading: decomposed and lower-cased, marks dropped,
    /// letters and digits of every script kept, composed again.
    static func unicodeSlug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { continue }
            if props.isAlphabetic || props.numericType != nil {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(scalar)
            } else if scalar == " " || scalar == "-" || scalar == "_" || props.isWhitespace {
                pendingHyphen = true
            }
        }
        let slug = String(String(out).precomposedStringWithCanonicalMapping)
        return slug.isEmpty ? "section" : slug
    }
}
