import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// One thing an output read from the site graph while it was rendered,
/// besides its own page. The renderer records these as it reads them
/// (`ReadLog`); the next build computes each one's value again
/// (`DependencyValues`) and renders an output again only when one of its
/// values changed. What a page shows is thus written once, in the renderer,
/// not restated in a hand-written rule.
package enum Dependency: Hashable, Sendable {
    /// A link to the page: its card (title, summary, date, risk, order,
    /// taxonomy terms, whether anything links to it).
    case card(PageID)
    /// Everything the page's front matter says (its body aside).
    case frontMatter(PageID)
    /// Which pages link to the page.
    case backlinks(PageID)
    /// A guidance step's `related` pages.
    case related(PageID)
    /// A product's countries of concern.
    case productCountries(PageID)
    /// A country's products of concern.
    case countryProducts(PageID)
    /// The concerns countries record naming a product.
    case productConcerns(PageID)
    /// The pages of one kind, in page order, with their cards.
    case kind(PageKind)
    /// The guidance steps in their order, with their cards.
    case guidanceOrder
    /// The steps before and after a guidance step, with their cards.
    case neighbours(PageID)
    /// The pages filed under one taxonomy term.
    case members(Taxonomy, String)
    /// Every page with its card.
    case all
    /// What the footer lists: the free pages while there are few of them.
    case footer
}
