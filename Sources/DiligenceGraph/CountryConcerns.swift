import DiligenceContent
import DiligenceSupport

/// What the risk matrix shows of a country besides its card (title,
/// region, risk): the basis of its rating, its concerns, and the sources
/// they cite. Read through `Dependency.concerns`, so that a factor note or
/// a measure, which the matrix does not show, leaves the matrix page and
/// data/matrix.csv alone (read as the whole front matter, each such edit
/// rendered both again: 35 ms of CPU of a 10,000-page site's incremental build).
package struct CountryConcerns: Sendable {
    package var riskBasis: Located<String>?
    package var concerns: [Concern]
    /// The page's sources, which a concern cites by number or address.
    package var sources: [Source]

    /// Nil for a page that is not a country profile.
    package init?(_ page: Page) {
        guard case .country(let c) = page.details else { return nil }
        riskBasis = c.riskBasis
        concerns = c.concerns
        sources = page.sources
    }

    /// The value `Dependency.concerns` compares: every field above, without
    /// where in the file each was written (a line added above a concern
    /// moves it, not what the matrix shows).
    package var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(riskBasis?.value)
        for concern in concerns {
            for product in concern.products { hasher.combine(product.value) }
            hasher.combine(0)
            for category in concern.categories { hasher.combine(category.value) }
            hasher.combine(0)
            hasher.combine(concern.basis.value)
            switch concern.source {
            case .url(let url): hasher.combine(1); hasher.combine(url)
            case .sourceIndex(let n): hasher.combine(2); hasher.combine(n)
            }
        }
        hasher.combine(-1)
        for source in sources {
            hasher.combine(source.title); hasher.combine(source.publisher); hasher.combine(source.date?.description)
            hasher.combine(source.url); hasher.combine(source.reference)
        }
        return hasher.value
    }
}
