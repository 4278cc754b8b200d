import DiligenceDiagnostics
import DiligenceSupport

/// Which URLs content may use. Front-matter URLs must be absolute `http`,
/// `https` or `mailto`; anything else (`javascript:`, `data:`, relative paths)
/// is refused, whatever its letter case or leading spaces.
package enum URLCheck {
    package static func isAllowedExternal(_ text: String) -> Bool {
        guard !text.isEmpty, text == text.trimmingSpaces,
              !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
        else { return false }
        let lower = text.lowercased()
        if lower.hasPrefix("mailto:") { return lower.count > 7 }
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            return lower.count > scheme.count && !lower.dropFirst(scheme.count).hasPrefix("/")
        }
        return false
    }

    /// True for a link with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`).
    package static func hasScheme(_ text: String) -> Bool {
        asciiHasScheme(text) ?? unicodeHasScheme(text)
    }

    /// `hasScheme` for any text, by Character.
    static func unicodeHasScheme(_ text: String) -> Bool {
        if text.hasPrefix("//") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".") }
            && !scheme.contains("/")
    }

    /// `hasScheme` on the bytes of an ASCII link (nil for any other): every
    /// Markdown link of every page asks, and the Character-based search
    /// was a tenth of resolving a link. In ASCII a character is a byte (a
    /// `\r\n` pair aside, which is neither `:` nor allowed in a scheme).
    static func asciiHasScheme(_ text: String) -> Bool? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        if bytes.starts(with: "//".utf8) { return true }
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: ":"): return i > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { return false }
            default: return false
            }
        }
        return false
    }
}
