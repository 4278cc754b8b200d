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
            intro = strings["index_guidance_intro"]
            groups = [.init(heading: nil, id: nil, items: pageLinks(reads.guidanceInOrder, from: path))]
        case .product:
            intro = strings["index_product_intro"]
            groups = termGroups(.category, kinds: [.product], from: path)
        case .country:
            intro = strings["index_country_intro"]
            groups = termGroups(.region, kinds: [.country], from: path)
        case .page:
            intro = strings["index_page_intro"]
            groups = [.init(heading: nil, id: nil, items: pageLinks(reads.alphabetical(.page), from: path))]
        }
        var context = layout(path: path, title: strings.pluralLabel(kind), description: intro, section: path, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: groups, ordered: kind == .guidance)
        return listingFile(path, context, template: "list")
    }

    /// One group per term that has pages, its heading linking to the term's page.
    package func termGroups(_ taxonomy: Taxonomy, kinds: [PageKind], from path: String) -> [ListingView.Group] {
        taxonomy.vocabulary(site).terms.compactMap { term in
            let pages = reads.memberPages(of: term.id, in: taxonomy).filter { kinds.contains($0.id.kind) }
            return pages.isEmpty ? nil : .init(heading: label(of: term, in: taxonomy), id: term.id,
                                               url: RelativeURL.from(path, to: taxonomy.outputPath(term.id)),
                                               items: pageLinks(pages, from: path))
        }
    }

    /// A term's page: its pages, grouped by kind, with summaries and risk badges.
    package func renderTerm(_ term: Vocabulary.Term, of taxonomy: Taxonomy) -> OutputFile {
        let path = taxonomy.outputPath(term.id)
        let pages = reads.memberPages(of: term.id, in: taxonomy)
        let groups = PageKind.allCases.compactMap { kind -> ListingView.Group? in
            let ofKind = pages.filter { $0.id.kind == kind }
            return ofKind.isEmpty ? nil : .init(heading: strings.pluralLabel(kind), id: kind.folder,
                                                items: pageLinks(ofKind, from: path))
        }
        let key = taxonomy == .risk && term.id == SiteConfig.unknownRisk ? "term_risk_unknown_intro" : "term_\(taxonomy.rawValue)_intro"
        let intro = strings.format(key, [("term", label(of: term, in: taxonomy))])
        var context = layout(path: path, title: title(of: term, in: taxonomy), description: intro, section: nil,
                             breadcrumbs: [(strings.pluralLabel(taxonomy), taxonomy.indexPath)])
        context.listing = ListingView(intro: intro, groups: groups, ordered: false, emptyNote: strings["term_empty"])
        return listingFile(path, context, template: "list")
    }

    /// "High risk" rather than "High"; other terms as `site.yml` labels them.
    package func title(of term: Vocabulary.Term, in taxonomy: Taxonomy) -> String {
        guard taxonomy == .risk else { return term.label }
        return riskView(term.id).text
    }

    /// A term's label: as `site.yml` gives it; for a risk level not assessed,
    /// the interface's words for it.
    package func label(of term: Vocabulary.Term, in taxonomy: Taxonomy) -> String {
        guard taxonomy == .risk else { return term.label }
        return riskView(term.id).label
    }

    /// Every term of a taxonomy, with how many pages each has.
    package func renderTaxonomyIndex(_ taxonomy: Taxonomy) -> OutputFile {
        let path = taxonomy.indexPath
        var items = taxonomy.vocabulary(site).terms.map { term -> LinkView in
            let count = reads.members(of: term.id, in: taxonomy).count
            var view = link(to: term.id, in: taxonomy, from: path)
            view.title = title(of: term, in: taxonomy)
            view.note = strings.count("count_pages", count)
            return view
        }
        // A to Z, as every listing; risk levels keep their scale, low to critical.
        if taxonomy != .risk {
            let keys = items.map { TitleOrder.key($0.title) }
            items = items.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }.map { items[$0] }
        }
        let intro = strings["taxonomy_\(taxonomy.rawValue)_intro"]
        var context = layout(path: path, title: strings.pluralLabel(taxonomy), description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [.init(heading: nil, id: nil, items: items)], ordered: false)
        return listingFile(path, context, template: "list")
    }

    package func renderHome() -> OutputFile {
        let path = Paths.home
        var context = layout(path: path, title: site.title, description: site.description, section: nil, breadcrumbs: [])
        context.breadcrumbs = []
        let tools = [
            LinkView(title: strings["screening_title"], url: Paths.screening, summary: strings["home_screening_summary"]),
            LinkView(title: strings["matrix_title"], url: Paths.matrix, summary: strings["home_matrix_summary"]),
            LinkView(title: strings["changes_title"], url: Paths.changes, summary: strings["home_changes_summary"]),
        ]
        let browse = Taxonomy.allCases.map { LinkView(title: strings.pluralLabel($0), url: $0.indexPath) }
        // Long lists stop after a dozen, with a link to the full index: the
        // home page of a 10,000-page site must stay small.
        func capped(_ pages: [ParsedPage], _ kind: PageKind) -> [LinkView] {
            var items = pages.prefix(SiteRenderer.homeListLimit).map { link(to: $0, from: path) }
            if pages.count > SiteRenderer.homeListLimit {
                items.append(LinkView(title: strings.format("home_all_\(kind.rawValue)", [("count", String(pages.count))]),
                                      url: kind.folder + "/index.html"))
            }
            return items
        }
        context.home = [
            .init(heading: strings["home_tools"], id: "tools", items: tools),
            .init(heading: strings["home_guidance"], id: "guidance", url: "guidance/index.html", items: capped(reads.guidanceInOrder, .guidance)),
            .init(heading: strings["home_products"], id: "products", url: "products/index.html", items: capped(reads.alphabetical(.product), .product)),
            .init(heading: strings["home_countries"], id: "countries", url: "countries/index.html", items: capped(reads.alphabetical(.country), .country)),
            .init(heading: strings["home_browse"], id: "browse", items: browse),
        ].filter { $0.items.count > 0 }
        return listingFile(path, context, template: "home")
    }

    /// Where the search box leads without JavaScript: a short explanation
    /// and links to the indexes (one per kind, one per taxonomy, the A-Z
    /// list), not every page — so it stays a few kilobytes at any size.
    package func renderSearchFallback() -> OutputFile {
        let path = Paths.search
        var context = layout(path: path, title: strings["search_title"], description: strings["search_description"],
                             section: nil, breadcrumbs: [])
        let kinds = PageKind.allCases.compactMap { kind -> LinkView? in
            let count = reads.count(of: kind)
            guard count > 0 else { return nil }
            var view = LinkView(title: strings.pluralLabel(kind), url: RelativeURL.from(path, to: kind.folder + "/index.html"))
            view.note = strings.count("count_pages", count)
            return view
        }
        let taxonomies = Taxonomy.allCases.map { taxonomy -> LinkView in
            var view = LinkView(title: strings.pluralLabel(taxonomy), url: RelativeURL.from(path, to: taxonomy.indexPath))
            view.note = strings.count("count_terms", taxonomy.vocabulary(site).terms.count)
            return view
        }
        context.listing = ListingView(
            intro: strings["search_fallback_intro"],
            groups: [(strings["search_by_kind"], "by-kind", kinds), (strings["search_by_label"], "by-label", taxonomies)].filter { !$0.2.isEmpty }
                .map { .init(heading: $0.0, id: $0.1, items: $0.2) }, ordered: false)
        return listingFile(path, context, template: "search")
    }

    /// Relative links when the site has no `base_url` (right only at the
    /// root); absolute ones when it has, so the page works at any depth.
    package func render404() -> OutputFile {
        let path = Paths.notFound
        let context = layout(path: path, title: strings["not_found_title"], description: strings["not_found_description"], section: nil,
                             breadcrumbs: [])
        return listingFile(path, context, template: "404")
    }
}
