import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport
import Yams

/// Finds every external (http, https) URL in the content pages, with where it
/// is written: front-matter fields the content model types as URLs (`url`,
/// `source`), links inside its inline-Markdown fields (notes, bases), and links
/// and images in Markdown bodies.
///
/// Which fields hold URLs comes from `FrontMatterSchema`, so a field added to
/// the model later is checked without a change here. `site.yml`'s `base_url`
/// is left out: it is the site's own address, often not live before the first
/// publication. Problems in the files themselves are `check`'s to report;
/// a file that cannot be read or parsed is skipped here.
package enum LinkCollector {
    package static func collect(_ tree: ContentTree) -> [LinkOccurrence] {
        tree.pageFiles.flatMap(collect).sorted { $0.location < $1.location }
    }

    package static func collect(_ file: SourceFile) -> [LinkOccurrence] {
        guard let id = PageDecoder.pageID(forPath: file.relativePath) else { return [] }
        let scratch = DiagnosticLog()
        guard let parts = FrontMatterSplitter.split(file, log: scratch) else { return [] }
        let lines = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var found: [LinkOccurrence] = []

        let position = YAMLPosition(file: file.displayPath, firstLine: parts.yamlFirstLine)
        if let node = YAMLComposer.compose(parts.yaml, position: position, log: scratch) {
            walk(node, as: .object(FrontMatterSchema.fields(for: id.kind)), position: position, lines: lines, into: &found)
        }
        let body = MarkdownDocument(parts.body, file: file.displayPath, firstLine: parts.bodyFirstLine)
        for link in body.links where isExternal(link.destination) {
            found.append(LinkOccurrence(url: link.destination, location: link.location))
        }
        return found
    }

    /// True for the URLs this command checks: absolute http and https.
    package static func isExternal(_ text: String) -> Bool {
        let lower = text.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && URLCheck.isAllowedExternal(text)
    }

    private static func walk(_ node: Node, as type: FieldType, position: YAMLPosition, lines: [Substring],
                             into found: inout [LinkOccurrence]) {
        switch (type, node) {
        case (.url, .scalar(let scalar)), (.urlOrSourceIndex, .scalar(let scalar)):
            if isExternal(scalar.string) {
                let at = locate(scalar.string, from: position.location(of: node), in: lines)
                found.append(LinkOccurrence(url: scalar.string, location: at))
            }
        case (.markdown, .scalar(let scalar)):
            guard scalar.string.contains("://") else { return }
            for link in MarkdownDocument(scalar.string, file: "").links where isExternal(link.destination) {
                let at = locate(link.destination, from: position.location(of: node), in: lines)
                found.append(LinkOccurrence(url: link.destination, location: at))
            }
        case (.list(let item), .sequence(let sequence)):
            for child in sequence { walk(child, as: item, position: position, lines: lines, into: &found) }
        case (.object(let specs), .mapping(let mapping)):
            for (key, value) in mapping {
                guard case .scalar(let name) = key, let spec = specs.first(where: { $0.name == name.string }) else { continue }
                walk(value, as: spec.type, position: position, lines: lines, into: &found)
            }
        case (.map(_, let valueType), .mapping(let mapping)):
            for (_, value) in mapping { walk(value, as: valueType, position: position, lines: lines, into: &found) }
        default:
            break
        }
    }

    /// Where `url` itself is written, at or after the start of the YAML value
    /// that holds it: past an opening quote, or inside a Markdown note that
    /// runs over several lines. Columns count Unicode scalars, as elsewhere.
    /// Falls back to the value's start when the text is not found verbatim
    /// (an escape sequence inside a double-quoted value).
    static func locate(_ url: String, from start: SourceLocation, in lines: [Substring]) -> SourceLocation {
        let target = Array(url.unicodeScalars)
        let lastLine = min(lines.count, start.line + 200)
        guard start.line >= 1, start.line <= lastLine else { return start }
        for lineNumber in start.line...lastLine {
            let scalars = Array(lines[lineNumber - 1].unicodeScalars)
            let from = lineNumber == start.line ? max(start.column - 1, 0) : 0
            guard scalars.count >= target.count, from <= scalars.count - target.count else { continue }
            for offset in from...(scalars.count - target.count) where scalars[offset] == target[0] {
                if Array(scalars[offset..<offset + target.count]) == target {
                    return SourceLocation(file: start.file, line: lineNumber, column: offset + 1)
                }
            }
        }
        return start
    }
}
