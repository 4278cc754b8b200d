import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// Reading the export from the site graph.
extension DataExport {
    /// Reads the parts asked for. As for the screening data, one read of
    /// each kind's facts covers everything about its pages (front matter,
    /// card, relations), so an edit to any of them renders the files again;
    /// what follows is read through `covered`, which records nothing more.
    package init(renderer: SiteRenderer, parts: Parts, keeping kept: KeptPieces = KeptPieces()) {
        self.kept = kept
        let reads = renderer.reads
        title = reads.site.title
        edition = renderer.history.edition
        // The countries alone (the three country CSVs) read the countries'
        // cards and each one's front matter, not their facts: a country's
        // facts include the products that name it, which these files do not
        // show, so a new product naming three countries rendered all three
        // files again into the same bytes (at 10,000 pages, 7 ms of a new
        // page's CPU). 250 countries at most: a read each is cheap.
        let countriesAlone = parts == .countries
        let countryPages = !parts.contains(.countries) ? []
            : countriesAlone ? reads.pages(of: .country) : reads.pagesWithFacts(of: .country)
        let productPages = parts.contains(.products) ? reads.pagesWithFacts(of: .product) : []
        let stepPages = parts.contains(.guidance) ? reads.guidanceWithFacts : []
        let covered = renderer.recording(into: nil)
        let site = reads.site
        if parts.contains(.countries) {
            countryOrder = countryPages.map(\.id)
            let countryReads = countriesAlone ? reads : covered.reads
            countries = countryPages.compactMap { kept.objects[$0.id] == nil ? Self.country($0, reads: countryReads) : nil }
        }
        if parts.contains(.products) {
            productOrder = productPages.map(\.id)
            products = productPages.compactMap {
                kept.objects[$0.id] == nil && kept.productRows[$0.id] == nil ? Self.product($0, reads: covered.reads) : nil
            }
        }
        if parts.contains(.guidance) {
            guidance = stepPages.compactMap { page in
                guard case .guidance(let g) = covered.reads.details(of: page) else { return nil }
                return Step(id: page.id.slug, order: g.order, title: page.page.title, url: page.id.outputPath, summary: page.page.summary)
            }
        }
        if parts.contains(.matrix), kept.matrix == nil {
            // Alone (data/matrix.csv), the matrix reads what the matrix page
            // does (each country's card and concerns, the products these
            // name), not every country's and product's facts: a factor note,
            // or a product no concern names, leaves the file alone. With
            // the countries and products, their facts cover these reads.
            let reader = parts.isSuperset(of: [.countries, .products]) ? covered : renderer
            matrix = Self.matrix(reader, site: site)
            for slug in Set(matrix.flatMap { $0.concerns.flatMap(\.products) }) {
                productTitles[slug] = reader.reads.page(PageID(.product, slug))?.page.title
            }
        }
    }

    static func text(_ markdown: Located<String>) -> String {
        MarkdownDocument.plainText(ofInline: markdown.value)
    }

    static func risk(_ id: String, basis: Located<String>?, site: SiteConfig) -> Risk {
        let view = RiskView(id, in: site.riskLevels)
        return Risk(id: view.id, label: view.label, basis: basis.map(text))
    }

    static func citation(_ source: Source, entry: Int?) -> Citation {
        Citation(title: source.title, publisher: source.publisher, date: source.date?.description, url: source.url,
                 reference: source.reference, entry: entry)
    }

    /// The source evidence cites: the page's entry it numbers or whose URL
    /// it gives, else the bare URL (titled with itself, as pages show it).
    static func citation(_ evidence: Evidence, of page: Page) -> Citation {
        switch evidence {
        case .url(let url):
            if let i = page.sources.firstIndex(where: { $0.url == url }) { return citation(page.sources[i], entry: i + 1) }
            return Citation(title: url, url: url)
        case .sourceIndex(let n):
            guard page.sources.indices.contains(n - 1) else { return Citation(title: "Source \(n)", entry: n) }
            return citation(page.sources[n - 1], entry: n)
        }
    }

    static func sources(of page: Page) -> [Citation] {
        page.sources.enumerated().map { citation($1, entry: $0 + 1) }
    }

    static func country(_ page: ParsedPage, reads: SiteReads) -> Country? {
        guard case .country(let c) = reads.details(of: page) else { return nil }
        let site = reads.site
        return Country(
            id: page.id.slug, code: c.country, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
            region: Term(id: c.region, label: site.regions.label(c.region)), risk: risk(c.risk, basis: c.riskBasis, site: site),
            reviewed: c.reviewed.description, reviewedBy: c.reviewedBy,
            factors: c.factors.map {
                Factor(id: $0.factor, label: site.factors.label($0.factor), status: Term(id: $0.status.rawValue, label: $0.status.label),
                       note: $0.note.map(text), source: $0.source.map { citation($0, of: page.page) })
            },
            measures: c.measures.map {
                Measure(authority: $0.authority, text: text($0.measure), date: $0.date?.description,
                        restrictsExports: $0.restrictsExports, source: $0.evidence.map { citation($0, of: page.page) })
            },
            concerns: c.concerns.map {
                Concern(products: $0.products.map(\.value), categories: $0.categories.map(\.value), basis: text($0.basis),
                        source: citation($0.source, of: page.page))
            },
            regimes: c.regimes.map { Term(id: $0, label: site.regimes.label($0)) },
            sources: sources(of: page.complete()))
    }

    static func product(_ page: ParsedPage, reads: SiteReads) -> Product? {
        let whole = reads.frontMatter(of: page)
        guard case .product(let p) = whole.details else { return nil }
        let site = reads.site
        return Product(
            id: page.id.slug, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
            category: Term(id: p.category, label: site.categories.label(p.category)), risk: risk(p.risk, basis: p.riskBasis, site: site),
            capabilities: p.capabilities.map(text), misuse: p.misuse.map(text), redFlags: p.redFlags.map(text),
            safeguards: p.safeguards.map(text),
            controls: p.controls.map { Control(regime: Term(id: $0.regime, label: site.regimes.label($0.regime)), entry: $0.entry, note: $0.note.map(text)) },
            countries: reads.productCountries(of: page.id).map(\.slug),
            sources: sources(of: whole))
    }

    /// The matrix page's cells (`SiteRenderer.matrixConcerns`), in its order.
    static func matrix(_ renderer: SiteRenderer, site: SiteConfig) -> [Cell] {
        var cells: [Cell] = []
        for region in site.regions.terms {
            for country in renderer.reads.memberPages(of: region.id, in: .region) {
                // The rating is on the card (`memberPages` read the cards), its basis with the concerns.
                guard case .country(let c) = country.page.details, let read = renderer.reads.concerns(of: country) else { continue }
                let byCategory = renderer.matrixConcerns(read)
                // Once per country, not per cell: its basis is Markdown, made plain text by cmark.
                let countryRisk = risk(c.risk, basis: read.riskBasis, site: site)
                for category in site.categories.terms {
                    let concerns = (byCategory[category.id] ?? []).map { concern, products in
                        CellConcern(products: products.map(\.slug), basis: text(concern.basis),
                                    source: citation(concern.source, of: country.page))
                    }
                    cells.append(Cell(country: country.id.slug, countryTitle: country.page.title,
                                      region: Term(id: region.id, label: region.label),
                                      risk: countryRisk,
                                      category: Term(id: category.id, label: category.label), concerns: concerns))
                }
            }
        }
        return cells
    }
}
