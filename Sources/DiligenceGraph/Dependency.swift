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
    /// The pages filed under one taxonomy term, with their cards: what a
    /// list of links to them shows, in one value.
    case memberCards(Taxonomy, String)
    /// Every page with its card.
    case all
    /// The facts (`DependencyValues.facts`) of every page of a kind: what a
    /// listing that shows everything about each such page reads (the
    /// screening data), in one value instead of thousands.
    case kindFacts(PageKind)
    /// What the footer lists: the free pages while there are few of them.
    case footer
    /// How many pages of a kind there are (the search page shows only
    /// that: read as `.kind`, every retitled page rendered it again).
    case count(PageKind)
    /// The pages nothing links to (free pages aside), with their cards:
    /// what the review page lists of them (read as every page's card and
    /// backlinks, any retitled page rendered it again).
    case orphans
    /// The pages whose front matter dates them (`Page.ownDates`), with
    /// their cards: what the changes page and the feed list when the
    /// content has no git history (read as every page's card, any retitled
    /// page rendered both again, though neither lists an undated page).
    case dated
    /// A country's risk basis, concerns and sources (`CountryConcerns`):
    /// what the risk matrix shows of it besides its card.
    case concerns(PageID)
    /// A country's review date, reviewer and count of unknown factors
    /// (`ReviewState`): what the review page shows of it besides its card.
    case review(PageID)
}

extension Dependency {
    /// The hash sets of dependencies use, from the page id's precomputed
    /// hash (`PageID._rawHashValue`) without SipHash: every read of a
    /// rendered page goes into one (`ReadLog`).
    package func _rawHashValue(seed: Int) -> Int {
        let (tag, id): (Int, PageID?) = switch self {
        case .card(let id): (1, id)
        case .frontMatter(let id): (2, id)
        case .backlinks(let id): (3, id)
        case .related(let id): (4, id)
        case .productCountries(let id): (5, id)
        case .countryProducts(let id): (6, id)
        case .productConcerns(let id): (7, id)
        case .kind(let kind): (8 + 16 * kind.rank, nil)
        case .guidanceOrder: (9, nil)
        case .neighbours(let id): (13, id)
        case .members(let taxonomy, let term): (10 ^ term.hashValue ^ taxonomy.hashValue, nil)
        case .all: (11, nil)
        case .footer: (12, nil)
        case .count(let kind): (16 + 16 * kind.rank, nil)
        case .orphans: (17, nil)
        case .dated: (18, nil)
        case .concerns(let id): (19, id)
        case .review(let id): (20, id)
        case .kindFacts(let kind): (14 + 16 * kind.rank, nil)
        case .memberCards(let taxonomy, let term): (15 ^ term.hashValue ^ taxonomy.hashValue, nil)
        }
        return (id?._rawHashValue(seed: seed) ?? seed) &+ tag &* 0x9E37_79B9
    }
}
