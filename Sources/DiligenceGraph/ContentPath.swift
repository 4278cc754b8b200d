import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport
import Foundation

/// Resolves a relative link written in a content file to a path inside the
/// content folder, refusing anything that leaves it.
package enum ContentPath {
    package enum Failure: Error {
        case absolute
        case escapesContent
        case encodedSeparator
    }

    /// - Parameters:
    ///   - link: the path part of the link, percent-encoded as written.
    ///   - folder: the linking file's folder relative to content (`guidance`).
    package static func resolve(_ link: String, from folder: String) throws(Failure) -> String {
        if link.hasPrefix("/") || link.hasPrefix("\\") { throw .absolute }
        // Most links have no escape: Foundation's decoding and the separator
        // count (by Character) were half the cost of resolving a link.
        let decoded: String
        if link.utf8.contains(UInt8(ascii: "%")) {
            decoded = link.removingPercentEncoding ?? link
            let rawSeparators = link.filter { $0 == "/" || $0 == "\\" }.count
            if decoded.filter({ $0 == "/" || $0 == "\\" }).count != rawSeparators { throw .encodedSeparator }
        } else {
            decoded = link
        }
        var parts = folder.split(separator: "/").map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { throw .escapesContent }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
