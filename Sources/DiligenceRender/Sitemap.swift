import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// `sitemap.xml` (sitemaps.org 0.9), written only when `base_url` is set:
/// search engines need absolute URLs. Lists every content page and index;
/// `lastmod` where a page carries a date.
package struct Sitemap {
    package var baseURL: String
    package var site: SiteConfig
    /// Every page, in page order.
    package var pages: [ParsedPage]

    package func xml() -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        var entries: [(path: String, lastmod: PartialDate?)] = [(SiteRenderer.Paths.home, nil)]
        for kind in [PageKind.guidance, .product, .country] { entries.append((kind.folder + "/index.html", nil)) }
        for page in pages { entries.append((page.id.outputPath, DatedPage(page)?.date)) }
        for taxonomy in Taxonomy.allCases {
            entries.append((taxonomy.indexPath, nil))
            entries += taxonomy.vocabulary(site).ids.map { (taxonomy.outputPath($0), nil) }
        }
        entries += [SiteRenderer.Paths.matrix, SiteRenderer.Paths.screening, SiteRenderer.Paths.changes].map { ($0, nil) }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            xml += "<url><loc>\(HTMLEscaping.escape(base + entry.path))</loc>"
            if let date = entry.lastmod { xml += "<lastmod>\(date.description)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
