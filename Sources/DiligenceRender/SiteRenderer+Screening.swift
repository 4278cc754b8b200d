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
        let description = strings["screening_description"]
        // Short on the page, so the record starts within a phone's first screen.
        let intro = strings["screening_intro"]
        var context = layout(path: path, title: strings["screening_title"], description: description, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        context.screening = ScreeningView(
            products: reads.alphabetical(.product).map { .init(id: $0.id.slug, title: $0.page.title) },
            countries: reads.alphabetical(.country).map { .init(id: $0.id.slug, title: $0.page.title) },
            dataURL: Paths.screeningData, scriptURL: "static/screening.js")
        return listingFile(path, context, template: "screening")
    }
}

extension SiteRenderer {
    /// `static/strings-<lang>.js`: every key the browser scripts show
    /// (`js_…`). The built-in templates no longer load it (each script
    /// starts with its own keys: `ScriptStrings`); a site's own
    /// `base.mustache` that predates this still does.
    package func renderScriptStrings() -> OutputFile {
        OutputFile(path: Paths.scriptStrings(site.language),
                   contents: .bytes(ScriptStrings.statement(strings)))
    }
}
