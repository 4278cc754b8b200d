/// A page with its Markdown body parsed: the unit the graph and render
/// stages work on. The document is owned by this page alone.
public final class ParsedPage: @unchecked Sendable {
    public let page: Page
    public let document: MarkdownDocument
    /// Inline Markdown of list fields and notes, rendered to HTML with links
    /// resolved; filled in by the graph stage, keyed by the written value.
    public internal(set) var inlineHTML: [Located<String>: String] = [:]
    /// Body text per section, taken before rendering (for search and snippets).
    public let sections: [(headingID: String?, text: String)]

    public init(page: Page) {
        self.page = page
        self.document = MarkdownDocument(page.body, file: page.file, firstLine: page.bodyFirstLine)
        self.sections = document.sections()
    }

    public var id: PageID { page.id }

    /// Every id a link may name as `#fragment` on this page: its heading ids
    /// and the sections the templates give its front-matter fields.
    var linkableIDs: Set<String> {
        Set(document.headings.map(\.id)).union(FieldSections.ids(of: page))
    }

    /// Every inline-Markdown value the page's front matter holds.
    var inlineFields: [Located<String>] {
        switch page.details {
        case .product(let p):
            return p.capabilities + p.misuse + p.redFlags + p.safeguards + p.controls.compactMap(\.note)
        case .country(let c):
            return c.factors.compactMap(\.note) + c.measures.map(\.measure)
        case .guidance, .page:
            return []
        }
    }

    func inline(_ value: Located<String>) -> String {
        inlineHTML[value] ?? HTMLEscaping.escape(value.value)
    }
}
