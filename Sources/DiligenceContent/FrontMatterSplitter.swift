import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// Splits a content file into its YAML front matter and its Markdown body,
/// working on bytes (the hot path of loading 10,000 files).
///
/// A front-matter block starts on the first line with `---` and ends at the
/// next line that is exactly `---`. A UTF-8 byte-order mark and CRLF line
/// endings are accepted; any other non-UTF-8 input is refused with the line
/// and column of the first bad byte.
package enum FrontMatterSplitter {
    package struct Parts: Sendable {
        /// The YAML text between the fences (LF line endings).
        package var yaml: String
        /// The file line of the first YAML line (2 when the file starts with `---`).
        package var yamlFirstLine: Int
        /// The Markdown body (LF line endings).
        package var body: String
        /// The file line of the first body line.
        package var bodyFirstLine: Int
    }

    package static func split(_ file: SourceFile, log: DiagnosticLog) -> Parts? {
        var bytes = file.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // The standard library's validation (vectorised) first; the byte
        // walk that finds the line and column only for a file that fails it.
        if bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) == nil, let bad = firstInvalidUTF8(bytes) {
            log.error(at: SourceLocation(file: file.displayPath, line: bad.line, column: bad.column),
                      "file is not valid UTF-8 (byte 0x\(String(bad.byte, radix: 16, uppercase: true)))",
                      hint: "save the file as UTF-8 in your editor")
            return nil
        }
        let text = normaliseNewlines(bytes)
        let at1 = SourceLocation(file: file.displayPath, line: 1, column: 1)
        if text.isEmpty {
            log.error(at: at1, "file is empty",
                      hint: "start it with a front-matter block: a line '---', the fields, and another '---'")
            return nil
        }
        // Line boundaries of the first lines, on bytes.
        guard firstLine(of: text) == Array("---".utf8) else {
            log.error(at: at1, "file does not start with a front-matter block",
                      hint: "the first line must be '---', followed by the fields (title, summary, …) and a closing '---'")
            return nil
        }
        var lineStart = 4  // after "---\n"
        var line = 2
        while lineStart <= text.count {
            var end = lineStart
            while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
            if text[lineStart..<end].elementsEqual("---".utf8) {
                let yaml = String(decoding: text[4..<lineStart], as: UTF8.self)
                let bodyStart = min(end + 1, text.count)
                let body = String(decoding: text[bodyStart...], as: UTF8.self)
                return Parts(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: line + 1)
            }
            if end >= text.count { break }
            lineStart = end + 1
            line += 1
        }
        log.error(at: at1, "front-matter block is not closed",
                  hint: "add a line with exactly '---' after the last field")
        return nil
    }

    private static func firstLine(of text: [UInt8]) -> [UInt8] {
        var end = 0
        while end < text.count, text[end] != UInt8(ascii: "\n") { end += 1 }
        var line = Array(text[0..<end])
        while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { line.removeLast() }
        return line
    }

    /// CRLF (and lone CR) become LF, so every later stage sees one kind of line end.
    private static func normaliseNewlines(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        // `memchr` (vectorised): most files have no CR at all.
        let hasCR = bytes.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false }
        guard hasCR else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previousCR = false
        for byte in bytes {
            if byte == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: "\n"))
                previousCR = true
                continue
            }
            if byte == UInt8(ascii: "\n"), previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(byte)
        }
        return out
    }

    /// Position of the first byte that is not part of well-formed UTF-8.
    package static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (line: Int, column: Int, byte: UInt8)? {
        var line = 1, column = 1
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return (line, column, b)
            }
            if length > 1 {
                for k in 1..<length {
                    let j = i + k
                    guard j < bytes.endIndex else { return (line, column, b) }
                    let c = bytes[j]
                    let lo: UInt8 = k == 1 ? lower : 0x80
                    let hi: UInt8 = k == 1 ? upper : 0xBF
                    guard c >= lo, c <= hi else { return (line, column, b) }
                }
            }
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return nil
    }
}
