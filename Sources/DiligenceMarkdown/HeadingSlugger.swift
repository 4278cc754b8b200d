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
