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
        if text.hasPrefix("//") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".") }
            && !scheme.contains("/")
    }
}
