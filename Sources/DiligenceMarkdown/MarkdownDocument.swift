import Ccmark
import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// A Markdown body parsed once by cmark and walked for everything it feeds:
/// heading ids and the table of contents, the links to resolve and rewrite,
/// the plain text for search, and finally the HTML.
///
/// Parsing uses smart punctuation; rendering uses cmark's safe default, which
/// omits raw HTML and drops `javascript:`, `vbscript:`, `file:` and most
/// `data:` URLs. Not thread-safe: one document belongs to one task.
package final class MarkdownDocument {
    private let root: OpaquePointer
    /// File and line offset, so positions point into the content file.
    private let file: String
    private let firstLine: Int
    private var headingNodes: [(node: OpaquePointer, heading: Heading)] = []
    private var linkNodes: [(node: OpaquePointer, link: MarkdownLink)] = []

    package private(set) var headings: [Heading] = []
    package var links: [MarkdownLink] { linkNodes.map(\.link) }

    /// - Parameters:
    ///   - firstLine: the file line of the body's first line.
    package init(_ markdown: String, file: String, firstLine: Int = 1) {
        self.file = file
        self.firstLine = firstLine
        var text = markdown
        root = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_SMART)
            }
        }
        collect()
    }

    deinit { cmark_node_free(root) }

    /// Gives the headings these ids (a translation's headings take its
    /// original's), when there are as many; returns whether it did.
    @discardableResult
    package func adoptHeadingIDs(_ ids: [String]) -> Bool {
        guard ids.count == headings.count, Set(ids).count == ids.count else { return false }
        for i in headings.indices {
            headings[i].id = ids[i]
            headingNodes[i].heading.id = ids[i]
        }
        return true
    }

    /// Ids the templates use around the body (section headings, landmarks,
    /// source anchors): a body heading never takes one of them.
    package static let reservedIDs: [String] = [
        "main", "search-input", "toc-title", "sources-title", "backlinks-title", "related-title",
        "capabilities", "misuse", "red-flags", "safeguards", "export-controls", "countries", "guidance-steps",
        "risk-factors", "regimes", "measures", "products-of-concern",
    ] + (1...99).map { "source-\($0)" }

    package static let reservedTable = Dictionary(uniqueKeysWithValues: reservedIDs.map { ($0, 0) })

    private func collect() {
        var slugger = HeadingSlugger(reservedTable: MarkdownDocument.reservedTable)
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                let text = MarkdownDocument.plainText(of: node)
                let heading = Heading(level: Int(cmark_node_get_heading_level(node)), text: text,
                                      id: slugger.id(for: text), line: line(of: node))
                headingNodes.append((node, heading))
                headings.append(heading)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let link = MarkdownLink(destination: url, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE,
                                        location: SourceLocation(file: file, line: line(of: node),
                                                                 column: Int(cmark_node_get_start_column(node))))
                linkNodes.append((node, link))
            default:
                break
            }
        }
    }

    private func line(of node: OpaquePointer) -> Int {
        Int(cmark_node_get_start_line(node)) + firstLine - 1
    }

    /// Gives each link its new destination (nil keeps it as written). The
    /// closure sees links in document order.
    package func rewriteLinks(_ transform: (MarkdownLink) -> String?) {
        for (node, link) in linkNodes {
            if let url = transform(link) { cmark_node_set_url(node, url) }
        }
    }

    /// The text of the whole body without markup, block by block, for search
    /// and snippets: each element is (id of the heading it is under, text).
    /// Call before `html()`, which rewrites the headings.
    package func sections() -> [(headingID: String?, text: String)] {
        var result: [(String?, String)] = []
        var current: String?
        var buffer = ""
        let ids = Dictionary(headingNodes.map { ($0.node, $0.heading.id) }, uniquingKeysWith: { a, _ in a })
        var child = cmark_node_first_child(root)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_HEADING {
                if !buffer.isEmpty { result.append((current, buffer)) }
                buffer = ""
                current = ids[node]
            } else {
                let text = MarkdownDocument.plainText(of: node)
                if !text.isEmpty { buffer += buffer.isEmpty ? text : " " + text }
            }
            child = cmark_node_next(node)
        }
        if !buffer.isEmpty { result.append((current, buffer)) }
        return result
    }

    /// The body as HTML. Headings get their ids and a self-link; raw HTML and
    /// unsafe URLs are left out by cmark's safe renderer.
    package func html() -> String {
        for (node, heading) in headingNodes {
            // Custom nodes print their enter/exit text verbatim and render their
            // children as usual: the one way to give cmark headings ids. The
            // inline carries the tags so no line break lands inside the heading.
            guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK),
                  let inline = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { continue }
            let id = HTMLEscaping.escape(heading.id)
            cmark_node_set_on_enter(block, "")
            cmark_node_set_on_exit(block, "")
            cmark_node_set_on_enter(inline, "<h\(heading.level) id=\"\(id)\">")
            cmark_node_set_on_exit(inline, "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(heading.level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(inline, child)
            }
            cmark_node_append_child(block, inline)
            cmark_node_replace(node, block)
            cmark_node_free(node)
        }
        headingNodes.removeAll()
        guard let cString = cmark_render_html(root, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(cString) }
        return String(cString: cString)
    }

    /// Renders a short Markdown string (a list item, a note) as inline HTML,
    /// without the paragraph cmark wraps it in.
    package func inlineHTML() -> String {
        var html = self.html()
        if html.hasPrefix("<p>"), html.hasSuffix("</p>\n"),
           cmark_node_first_child(root) == cmark_node_last_child(root) {
            html = String(html.dropFirst(3).dropLast(5))
        }
        while html.hasSuffix("\n") { html.removeLast() }
        return html
    }

    /// The whole document as text without markup (for data files that must
    /// never carry HTML, like the screening checklist's).
    package func plainText() -> String {
        MarkdownDocument.plainText(of: root)
    }

    /// The text of a short Markdown value without markup. Values with no
    /// character Markdown (or smart punctuation) gives a meaning to are
    /// returned as written, without a parse: most list items on a large site.
    package static func plainText(ofInline markdown: String) -> String {
        var utf8 = markdown.utf8.makeIterator()
        guard let first = utf8.next(), first >= 0x80 || (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z")) else {
            return MarkdownDocument(markdown, file: "").plainText()
        }
        var dots = 0
        var last = first
        while let byte = utf8.next() {
            last = byte
            dots = byte == UInt8(ascii: ".") ? dots + 1 : 0
            if dots == 3 { return MarkdownDocument(markdown, file: "").plainText() }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ":"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "?"), 0x80...0xFF:
                continue
            default:
                return MarkdownDocument(markdown, file: "").plainText()
            }
        }
        if last == UInt8(ascii: " ") { return MarkdownDocument(markdown, file: "").plainText() }
        return markdown
    }

    /// The text of a node and its descendants, without markup; soft and hard
    /// breaks become spaces.
    package static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    if let literal = cmark_node_get_literal(current) { text += String(cString: literal) }
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    text += " "
                default: break
                }
            } else if event == CMARK_EVENT_EXIT {
                switch type {
                case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM:
                    if !text.isEmpty, !text.hasSuffix(" ") { text += " " }
                default: break
                }
            }
        }
        while text.hasSuffix(" ") || text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
