import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The pages that list other pages: the home page, an index per kind, a page
/// per taxonomy term and per taxonomy, the plain A–Z index and the 404 page.
extension SiteRenderer {
    package func renderIndex(_ kind: PageKind) -> OutputFile {
        let path = kind.folder + "/index.html"
        var groups: [ListingView.Group] = []
        var intro = ""
        switch kind {
        case .guidance:
            intro = "The steps of human-rights due diligence for a transaction, in order."
            groups = [.init(heading: nil, id: nil, links: pageLinks(reads.guidanceInOrder, from: path))]
        case .product:
            intro = "Product types with surveillance capabilities, by category, with their inherent risk of misuse."
            groups = termGroups(.category, kinds: [.product], from: path)
        case .country:
            intro = "Country profiles by region, with the overall risk for surveillance-capable sales to government end-users."
            groups = termGroups(.region, kinds: [.country], from: path)
        case .page:
            intro = "About this site: how it is made and how to use it."
            groups = [.init(heading: nil, id: nil, links: pageLinks(reads.alphabetical(.page), from: path))]
        }
        var context = layout(path: path, title: kind.pluralLabel, description: intro, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: groups, ordered: kind == .guidance)
        return listingFile(path, context, template: "list")
    }

    /// One group per term that has pages, its heading linking to the term's page.
    package func termGroups(_ taxonomy: Taxonomy, kinds: [PageKind], from path: String) -> [ListingView.Group] {
        taxonomy.vocabulary(site).terms.compactMap { term in
            let pages = reads.memberPages(of: term.id, in: taxonomy).filter { kinds.contains($0.id.kind) }
            return pages.isEmpty ? nil : .init(heading: term.label, id: term.id,
                                               url: RelativeURL.from(path, to: taxonomy.outputPath(term.id)),
                                               links: pageLinks(pages, from: path))
        }
    }

    /// A term's page: its pages, grouped by kind, with summaries and risk badges.
    package func renderTerm(_ term: Vocabulary.Term, of taxonomy: Taxonomy) -> OutputFile {
        let path = taxonomy.outputPath(term.id)
        let pages = reads.memberPages(of: term.id, in: taxonomy)
        let groups = PageKind.allCases.compactMap { kind -> ListingView.Group? in
            let ofKind = pages.filter { $0.id.kind == kind }
            return ofKind.isEmpty ? nil : .init(heading: kind.pluralLabel, id: kind.folder,
                                                links: pageLinks(ofKind, from: path))
        }
        let intro: String
        switch taxonomy {
        case .region: intro = "Country profiles in the region \(term.label)."
        case .risk: intro = term.id == SiteConfig.unknownRisk
            ? "Products and countries whose risk level an editor has not yet assessed from a source."
            : "Products and countries assessed at this level: \(term.label)."
        case .category: intro = "Product-risk examples in the category \(term.label)."
        case .regime: intro = "\(term.label): countries that take part, and products whose export controls the regime covers."
        }
        var context = layout(path: path, title: title(of: term, in: taxonomy), description: intro, section: nil,
                             breadcrumbs: [(taxonomy.pluralLabel, taxonomy.indexPath)])
        context.listing = ListingView(intro: intro, groups: groups, ordered: false, emptyNote: "No page is classified here yet.")
        return listingFile(path, context, template: "list")
    }

    /// "High risk" rather than "High"; other terms as `site.yml` labels them.
    package func title(of term: Vocabulary.Term, in taxonomy: Taxonomy) -> String {
        guard taxonomy == .risk else { return term.label }
        let risk = RiskView(term.id, in: site.riskLevels)
        return risk.assessed ? risk.label + " risk" : risk.label
    }

    /// Every term of a taxonomy, with how many pages each has.
    package func renderTaxonomyIndex(_ taxonomy: Taxonomy) -> OutputFile {
        let path = taxonomy.indexPath
        var items = taxonomy.vocabulary(site).terms.map { term -> LinkView in
            let count = reads.members(of: term.id, in: taxonomy).count
            var view = link(to: term.id, in: taxonomy, from: path)
            view.title = title(of: term, in: taxonomy)
            view.note = count == 1 ? "1 page" : "\(count) pages"
            return view
        }
        // A to Z, as every listing; risk levels keep their scale, low to critical.
        if taxonomy != .risk {
            let keys = items.map { TitleOrder.key($0.title) }
            items = items.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }.map { items[$0] }
        }
        let intro = "Every \(taxonomy.label.lowercased()) used by this knowledge base, with the pages under each."
        var context = layout(path: path, title: taxonomy.pluralLabel, description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [.init(heading: nil, id: nil, items: items)], ordered: false)
        return listingFile(path, context, template: "list")
    }

    package func renderHome() -> OutputFile {
        let path = Paths.home
        var context = layout(path: path, title: site.title, description: site.description, section: nil, breadcrumbs: [])
        context.breadcrumbs = []
        let tools = [
            LinkView(title: "Screen a transaction", url: Paths.screening,
                     summary: "Pick a product and a destination country: one printable screening record of red flags, safeguards, risk factors, measures and guidance steps, with fields for your decision."),
            LinkView(title: "Risk matrix", url: Paths.matrix,
                     summary: "Countries by product category: where this knowledge base documents a concern."),
            LinkView(title: "What changed", url: Paths.changes, summary: "Pages by date of update or review, newest first."),
        ]
        let browse = Taxonomy.allCases.map { LinkView(title: $0.pluralLabel, url: $0.indexPath) }
        // Long lists stop after a dozen, with a link to the full index: the
        // home page of a 10,000-page site must stay small.
        func capped(_ pages: [ParsedPage], _ kind: PageKind, noun: String) -> [LinkView] {
            var items = pages.prefix(SiteRenderer.homeListLimit).map { link(to: $0, from: path) }
            if pages.count > SiteRenderer.homeListLimit {
                items.append(LinkView(title: "All \(pages.count) \(noun)", url: kind.folder + "/index.html"))
            }
            return items
        }
        context.home = [
            .init(heading: "Tools", id: "tools", items: tools),
            .init(heading: "Guidance", id: "guidance", url: "guidance/index.html", items: capped(reads.guidanceInOrder, .guidance, noun: "guidance pages")),
            .init(heading: "Product risks", id: "products", url: "products/index.html", items: capped(reads.alphabetical(.product), .product, noun: "product-risk examples")),
            .init(heading: "Countries", id: "countries", url: "countries/index.html", items: capped(reads.alphabetical(.country), .country, noun: "country profiles")),
            .init(heading: "Browse by", id: "browse", items: browse),
        ].filter { $0.items.count > 0 }
        return listingFile(path, context, template: "home")
    }

    /// Where the search box leads without JavaScript: a short explanation
    /// and links to the indexes (one per kind, one per taxonomy, the A-Z
    /// list), not every page — so it stays a few kilobytes at any size.
    package func renderSearchFallback() -> OutputFile {
        let path = Paths.search
        var context = layout(path: path, title: "Search", description: "Search the knowledge base, or browse its indexes.",
                             section: nil, breadcrumbs: [])
        let kinds = PageKind.allCases.compactMap { kind -> LinkView? in
            let count = reads.alphabetical(kind).count
            guard count > 0 else { return nil }
            var view = LinkView(title: kind.pluralLabel, url: RelativeURL.from(path, to: kind.folder + "/index.html"))
            view.note = count == 1 ? "1 page" : "\(count) pages"
            return view
        }
        let taxonomies = Taxonomy.allCases.map { taxonomy -> LinkView in
            var view = LinkView(title: taxonomy.pluralLabel, url: RelativeURL.from(path, to: taxonomy.indexPath))
            let terms = taxonomy.vocabulary(site).terms.count
            view.note = terms == 1 ? "1 term" : "\(terms) terms"
            return view
        }
        context.listing = ListingView(
            intro: "Every page is listed in the index of its kind and under each label it has. Searching needs JavaScript; without it, start from these indexes.",
            groups: [("By kind", "by-kind", kinds), ("By label", "by-label", taxonomies)].filter { !$0.2.isEmpty }
                .map { .init(heading: $0.0, id: $0.1, items: $0.2) }, ordered: false)
        return listingFile(path, context, template: "search")
    }

    /// Relative links when the site has no `base_url` (right only at the
    /// root); absolute ones when it has, so the page works at any depth.
    package func render404() -> OutputFile {
        let path = Paths.notFound
        let context = layout(path: path, title: "Page not found", description: "This page does not exist.", section: nil,
                             breadcrumbs: [])
        return listingFile(path, context, template: "404")
    }
}
