import DiligenceContent
import DiligenceSupport

extension Dependency {
    /// The dependency as one number, the same in every process: the build
    /// cache keeps each page's reads so as well as whole
    /// (`PageFingerprints.Reads.kept`), and `DependencyReach` tells from
    /// these alone whether an edit may have reached them: the next build
    /// looks at 200,000 numbers instead of decoding as many dependencies,
    /// each with a page id (strings, retained and released). Two
    /// dependencies with one key would only make a page valued for nothing.
    package var stableKey: UInt64 {
        var hasher = StableHasher()
        func id(_ tag: Int, _ id: PageID) {
            hasher.combine(tag); hasher.combine(id.kind.rank); hasher.combine(id.slug)
        }
        switch self {
        case .card(let page): id(1, page)
        case .frontMatter(let page): id(2, page)
        case .backlinks(let page): id(3, page)
        case .related(let page): id(4, page)
        case .productCountries(let page): id(5, page)
        case .countryProducts(let page): id(6, page)
        case .productConcerns(let page): id(7, page)
        case .kind(let kind): hasher.combine(8); hasher.combine(kind.rank)
        case .guidanceOrder: hasher.combine(9)
        case .members(let taxonomy, let term): hasher.combine(10); hasher.combine(taxonomy.rawValue); hasher.combine(term)
        case .all: hasher.combine(11)
        case .footer: hasher.combine(12)
        case .neighbours(let page): id(13, page)
        case .kindFacts(let kind): hasher.combine(14); hasher.combine(kind.rank)
        case .memberCards(let taxonomy, let term): hasher.combine(15); hasher.combine(taxonomy.rawValue); hasher.combine(term)
        case .count(let kind): hasher.combine(16); hasher.combine(kind.rank)
        case .orphans: hasher.combine(17)
        case .dated: hasher.combine(18)
        case .concerns(let page): id(19, page)
        case .review(let page): id(20, page)
        }
        return StableHasher.mixed(hasher.value)
    }
}
