import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// The section ids the templates give to front-matter fields
/// (`products/spyware.md#red-flags`, `countries/cn.md#measures`,
/// `#source-2`), so editors can link to them like headings. A field's id
/// counts only when the page's own front matter fills it: the template shows
/// the section then, whatever other pages say. Keep in step with
/// `templates/product.mustache`, `country.mustache` and `partials/sources.mustache`
/// (the link audit test fails if they drift apart).
package enum FieldSections {
    package static func ids(of page: Page) -> Set<String> {
        var ids: [String] = page.sources.indices.map { "source-\($0 + 1)" }
        switch page.details {
        case .product(let p):
            if !p.capabilities.isEmpty { ids.append("capabilities") }
            if !p.misuse.isEmpty { ids.append("misuse") }
            if !p.redFlags.isEmpty { ids.append("red-flags") }
            if !p.safeguards.isEmpty { ids.append("safeguards") }
            if !p.controls.isEmpty { ids.append("export-controls") }
            if !p.countries.isEmpty { ids.append("countries") }
            if !p.guidance.isEmpty { ids.append("guidance-steps") }
        case .country(let c):
            if !c.factors.isEmpty { ids.append("risk-factors") }
            if !c.regimes.isEmpty { ids.append("regimes") }
            if !c.measures.isEmpty { ids.append("measures") }
            if !c.products.isEmpty { ids.append("products-of-concern") }
        case .guidance, .page:
            break
        }
        return Set(ids)
    }
}
