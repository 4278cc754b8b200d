import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// A page with its Markdown body parsed: the unit the graph and render
/// stages work on. The document is owned by this page alone.
///
/// An incremental build also makes pages from its cache: their front matter
/// and fragment ids without a body (`isHydrated` is false). Those feed the
/// graph and the listing pages; a page is parsed from its file again only if
/// its own HTML must be rendered.
package final class ParsedPage: @unchecked Sendable {
    package let page: Page
    private let parsedDocument: MarkdownDocument?
    /// Inline Markdown of list fields and notes, rendered to HTML with links
    /// resolved; filled in by the graph stage, keyed by the written value.
    package internal(set) var inlineHTML: [Located<String>: String] = [:]
    /// Body text per section, taken before rendering (for search and snippets).
    package let sections: [(headingID: String?, text: String)]
    /// Every id a link may name as `#fragment` on this page: its heading ids
    /// and the sections the templates give its front-matter fields.
    package let linkableIDs: FragmentIDs

    package init(page: Page) {
        self.page = page
        self.lists = nil
        let document = MarkdownDocument(page.body, file: page.file, firstLine: page.bodyFirstLine)
        if let ids = page.headingIDs { document.adoptHeadingIDs(ids) }
        self.parsedDocument = document
        self.sections = document.sections()
        self.linkableIDs = FragmentIDs(document.headings.map(\.id) + FieldSections.ids(of: page))
    }

    /// A page known from the cache: front matter and fragment ids, no body;
    /// a product without its sources and lists, kept as `lists` (`Page.light`).
    package init(cached page: Page, lists: CacheBytes = .empty, linkableIDs: FragmentIDs) {
        self.page = page
        self.lists = page.kind == .product ? lists : nil
        self.parsedDocument = nil
        self.sections = []
        self.linkableIDs = linkableIDs
    }

    /// What `Page.light` left out of a cached product, still encoded.
    private let lists: CacheBytes?

    /// The whole front matter: `page`, with a cached product's sources and
    /// lists decoded again (each time: only the few pages whose data-file
    /// objects or cache records are written again ask for them). What the
    /// graph, the cards and the listings read is in `page` itself.
    ///
    /// The lists were written by this program's own writer; only bytes of
    /// the cache file changed in place can fail to decode, and no other
    /// field of a record is guarded against that either (a changed byte in
    /// a title is shown as it is). Such a page shows no lists.
    package func complete() -> Page {
        guard let lists else { return page }
        return (try? page.completed(with: lists)) ?? page
    }

    /// The parsed body; only pages parsed from their file have one.
    package var document: MarkdownDocument {
        guard let parsedDocument else { preconditionFailure("\(page.id) comes from the cache and was not parsed") }
        return parsedDocument
    }

    package var isHydrated: Bool { parsedDocument != nil }

    package var id: PageID { page.id }

    /// Every inline-Markdown value the page's front matter holds.
    package var inlineFields: [Located<String>] {
        switch page.details {
        case .product(let p):
            return p.capabilities + p.misuse + p.redFlags + p.safeguards + p.controls.compactMap(\.note) + (p.riskBasis.map { [$0] } ?? [])
        case .country(let c):
            return c.factors.compactMap(\.note) + c.measures.map(\.measure) + c.concerns.map(\.basis) + (c.riskBasis.map { [$0] } ?? [])
        case .guidance, .page:
            return []
        }
    }

    package func inline(_ value: Located<String>) -> String {
        inlineHTML[value] ?? HTMLEscaping.escape(value.value)
    }
}
