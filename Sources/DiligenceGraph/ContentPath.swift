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
        if !link.utf8.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") }), folder.utf8.allSatisfy({ $0 < 0x80 }) {
            return try resolveASCII(link, from: folder)
        }
        return try resolveAny(link, from: folder)
    }

    /// `resolve` for any link, by Character, percent-escapes decoded.
    static func resolveAny(_ link: String, from folder: String) throws(Failure) -> String {
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

    /// `resolve` for an ASCII link without escapes (most are), on bytes:
    /// splitting into Strings and joining them again was most of the cost
    /// of resolving a link. In ASCII a character is a byte, so the parts
    /// are the same.
    static func resolveASCII(_ link: String, from folder: String) throws(Failure) -> String {
        if link.utf8.first == UInt8(ascii: "/") || link.utf8.first == UInt8(ascii: "\\") { throw .absolute }
        var out: [UInt8] = []
        out.reserveCapacity(folder.utf8.count + link.utf8.count)
        var starts: [Int] = []  // where each part of `out` begins
        func push(_ part: Substring.UTF8View) {
            if !out.isEmpty { out.append(UInt8(ascii: "/")) }
            starts.append(out.count)
            out.append(contentsOf: part)
        }
        for part in folder.utf8.split(separator: UInt8(ascii: "/")) { push(part) }
        for part in link.utf8.split(separator: UInt8(ascii: "/")) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                guard let start = starts.popLast() else { throw .escapesContent }
                out.removeSubrange(max(start - 1, 0)...)
                continue
            }
            push(part)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
