import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// The transaction-screening page. The HTML carries the form and an
/// explanation that stands without JavaScript; `static/screening.js` reads
/// the generated `data/screening.js` and builds the checklist.
extension SiteRenderer {
    package func renderScreening() -> OutputFile {
        let path = Paths.screening
        let description = "Pick the product closest to what you sell and the destination country: one screening record of red flags, safeguards, risk factors and measures with their sources, and the guidance steps, with fields for your decision. Print it to keep it on file."
        // Short on the page, so the record starts within a phone's first screen.
        let intro = "Check a sale before you make it, and record what you decided."
        var context = layout(path: path, title: "Screen a transaction", description: description, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        context.screening = ScreeningView(
            products: reads.alphabetical(.product).map { .init(id: $0.id.slug, title: $0.page.title) },
            countries: reads.alphabetical(.country).map { .init(id: $0.id.slug, title: $0.page.title) },
            dataURL: Paths.screeningData, scriptURL: "static/screening.js")
        return listingFile(path, context, template: "screening")
    }
}
