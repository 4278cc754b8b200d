import DiligenceDiagnostics
import DiligenceSupport

/// Checks front matter before it reaches the YAML parser, for two things the
/// content model never needs and a hostile file could use to hang or crash
/// the build:
///
/// - **Anchors and aliases** (`&name`, `*name`): an alias is expanded as a
///   copy, so ten nested aliases make a billion nodes ("billion laughs").
///   YAML forbids a plain value starting with `&` or `*`, so every such token
///   outside quotes, comments and block scalars is an anchor or an alias.
/// - **Deep nesting**: the parser recurses once per level, on threads with
///   small stacks; front matter needs three or four levels, so more than
///   `maximumDepth` is refused.
///
/// Problems are reported at their line and column; the YAML is not parsed then.
package enum YAMLGuard {
    package static let maximumDepth = 32

    package static func check(_ yaml: String, position: YAMLPosition, log: DiagnosticLog) -> Bool {
        var first: (location: SourceLocation, anchor: Bool)?
        var count = 0
        var blockIndent: Int?   // inside a `|` or `>` block scalar: its parent's indentation
        var flowDepth = 0
        // Lines cut at each LF byte (content files come with LF line ends,
        // `FrontMatterSplitter`): split as a String, by Character, the lines
        // were half of this check's cost.
        let bytes = Array(yaml.utf8)
        var lines: [Range<Int>] = []
        var lineStart = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(lineStart..<i)
            lineStart = i + 1
        }
        lines.append(lineStart..<bytes.count)
        for (offset, range) in lines.enumerated() {
            let line = Array(bytes[range])
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            let blank = line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }
            if let parent = blockIndent {
                if blank || indent > parent { continue }
                blockIndent = nil
            }
            if indent / 2 > maximumDepth {
                log.error(at: position.location(line: offset + 1, column: indent + 1),
                          "front matter is nested more than \(maximumDepth) levels deep",
                          hint: "front matter needs a few levels at most; check the indentation")
                return false
            }
            var quote: UInt8?
            var last: UInt8?          // last non-space character outside quotes on this line
            var i = 0
            while i < line.count {
                let c = line[i]
                if let q = quote {
                    if c == q {
                        if q == UInt8(ascii: "'"), i + 1 < line.count, line[i + 1] == q { i += 2; continue }
                        quote = nil
                        last = c
                    } else if c == UInt8(ascii: "\\"), q == UInt8(ascii: "\"") {
                        i += 1
                    }
                    i += 1
                    continue
                }
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") { i += 1; continue }
                // Where a new value may begin: line start, after "- " or ": ", after [ { ,
                let spaced = i > 0 && (line[i - 1] == UInt8(ascii: " ") || line[i - 1] == UInt8(ascii: "\t"))
                let tokenStart = last == nil || last == UInt8(ascii: "[") || last == UInt8(ascii: "{") || last == UInt8(ascii: ",")
                    || (spaced && (last == UInt8(ascii: ":") || last == UInt8(ascii: "-") || last == UInt8(ascii: "?")))
                switch c {
                case UInt8(ascii: "#") where spaced || i == 0:
                    i = line.count
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if tokenStart { quote = c }
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    if tokenStart, i + 1 < line.count, line[i + 1] != UInt8(ascii: " ") {
                        count += 1
                        if first == nil { first = (position.location(line: offset + 1, column: i + 1), c == UInt8(ascii: "&")) }
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    if flowDepth + indent / 2 > maximumDepth {
                        log.error(at: position.location(line: offset + 1, column: i + 1),
                                  "front matter is nested more than \(maximumDepth) levels deep",
                                  hint: "front matter needs a few levels at most; check the brackets")
                        return false
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "|"), UInt8(ascii: ">"):
                    // A block scalar: its indicators end the line, and the lines
                    // below that are indented more are text.
                    let rest = line[(i + 1)...].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }
                    if tokenStart, rest.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                        blockIndent = indent
                        i = line.count
                        continue
                    }
                default:
                    break
                }
                last = c
                i += 1
            }
        }
        if let first {
            // One error for the file: a bomb has thousands of them.
            let more = count > 1 ? " (\(count) anchors and aliases in this front matter)" : ""
            log.error(at: first.location, "\(first.anchor ? "an anchor ('&…')" : "an alias ('*…')") is not allowed in front matter" + more,
                      hint: "write each value out in full; if a text starts with * or &, put it in quotes")
            return false
        }
        return true
    }
}
