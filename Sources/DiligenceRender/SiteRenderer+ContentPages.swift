import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// One HTML page per content page, with the fields of its kind.
extension SiteRenderer {
    package func renderPage(_ parsed: ParsedPage) -> OutputFile {
        let page = parsed.page
        let path = page.id.outputPath
        let headings = parsed.document.headings.filter { $0.level <= 3 }
        let topLevel = headings.map(\.level).min() ?? 2
        var view = PageView(
            title: page.title, summary: page.summary, kindLabel: strings.label(page.kind),
            toc: headings.count >= 2 ? headings.map { .init(text: $0.text, id: $0.id, level: $0.level, sub: $0.level > topLevel) } : [],
            bodyHTML: parsed.document.html(), tags: page.tags,
            sources: page.sources.enumerated().map { SourceView($1, number: $0 + 1, strings: strings) },
            updated: page.updated.map(strings.date), draft: page.draft,
            backlinks: backlinkGroups(parsed.id, from: path))
        view.history = PageHistoryView(history.changes(ofFile: page.file), strings: strings)
        let textLanguage = page.textLanguage ?? site.defaultLanguage
        if textLanguage != site.language { view.textLanguage = textLanguage }
        switch page.details {
        case .guidance(let g): view.guidance = guidanceView(g, parsed, from: path)
        case .product(let p): view.product = productView(p, parsed, from: path)
        case .country(let c): view.country = countryView(c, parsed, from: path)
        case .page: break
        }
        let section = page.kind == .page ? nil : page.kind.folder + "/index.html"
        var context = layout(path: path, title: page.title, description: page.summary, section: section,
                             breadcrumbs: section.map { [(strings.pluralLabel(page.kind), $0)] } ?? [])
        context.page = view
        return file(path, context, template: page.kind == .page ? "page" : page.kind.rawValue)
    }

    /// "Referenced by", one group per kind, from front matter and body alike.
    package func backlinkGroups(_ id: PageID, from path: String) -> [PageView.BacklinkGroup] {
        let sources = reads.backlinks(of: id)
        return PageKind.allCases.compactMap { kind in
            let ids = sources.filter { $0.kind == kind }
            return ids.isEmpty ? nil : PageView.BacklinkGroup(label: strings.pluralLabel(kind),
                                                              links: reads.pagesAlphabetical(ids).map { link(to: $0, from: path) })
        }
    }

    package func guidanceView(_ g: GuidanceStep, _ parsed: ParsedPage, from path: String) -> GuidanceView {
        let (previous, next) = reads.neighbours(of: parsed.id)
        let related = reads.pages(reads.related(of: parsed.id)).map { link(to: $0, from: path, note: strings.label($0.id.kind)) }
        return GuidanceView(
            order: g.order, stepText: strings.format("guidance_step", [("order", String(g.order))]), related: related,
            previous: previous.map { link(to: $0, from: path, summary: false) },
            next: next.map { link(to: $0, from: path, summary: false) })
    }

    package func productView(_ p: ProductRisk, _ parsed: ParsedPage, from path: String) -> ProductView {
        ProductView(
            category: link(to: p.category, in: .category, from: path),
            risk: riskView(p.risk), riskBasisHTML: p.riskBasis.map(parsed.inline),
            capabilities: p.capabilities.map(parsed.inline), misuse: p.misuse.map(parsed.inline),
            redFlags: p.redFlags.map(parsed.inline), safeguards: p.safeguards.map(parsed.inline),
            controls: p.controls.map {
                .init(regime: link(to: $0.regime, in: .regime, from: path), entry: $0.entry, noteHTML: $0.note.map(parsed.inline))
            },
            countries: links(reads.productCountries(of: parsed.id), from: path),
            concerns: reads.productConcerns(of: parsed.id).compactMap { ref in
                guard let country = reads.page(ref.country), case .country(let c) = reads.details(of: country),
                      c.concerns.indices.contains(ref.index) else { return nil }
                // The page is the product's own: the country, basis and source say it all.
                return concernView(c.concerns[ref.index], of: country, from: path, showingCountry: true, products: [])
            },
            guidance: links(p.guidance.map { PageID(.guidance, $0.value) }, from: path),
            screeningURL: RelativeURL.from(path, to: SiteRenderer.Paths.screening) + "#product=" + parsed.id.slug)
    }

    package func countryView(_ c: CountryProfile, _ parsed: ParsedPage, from path: String) -> CountryView {
        let factors = c.factors.map { f -> CountryView.FactorView in
            var url: String?, label: String?
            switch f.source {
            case .url(let u): url = u; label = strings["source"]
            case .sourceIndex(let n): url = "#source-\(n)"; label = strings.source(n)
            case nil: break
            }
            return .init(label: site.factors.label(f.factor), status: f.status.rawValue, statusLabel: strings.label(f.status),
                         unknown: f.status == .unknown, noteHTML: f.note.map(parsed.inline), sourceURL: url, sourceLabel: label)
        }
        return CountryView(
            code: c.country,
            region: link(to: c.region, in: .region, from: path),
            risk: riskView(c.risk), riskBasisHTML: c.riskBasis.map(parsed.inline),
            factors: factors, hasUnknownFactors: factors.contains { $0.unknown },
            regimes: c.regimes.map { link(to: $0, in: .regime, from: path) },
            measures: c.measures.map { m in
                .init(authority: m.authority, measureHTML: parsed.inline(m.measure), date: m.date.map(strings.date),
                      source: m.evidence.map { CitationView($0, of: parsed.page, from: path, strings: strings) }, restrictsExports: m.restrictsExports)
            },
            products: links(reads.countryProducts(of: parsed.id), from: path),
            concerns: c.concerns.map { concernView($0, of: parsed, from: path, showingCountry: false) },
            reviewed: strings.date(c.reviewed), reviewedISO: c.reviewed.description, reviewedBy: c.reviewedBy,
            overdue: c.reviewed.months(until: today) >= site.reviewIntervalMonths,
            reviewIntervalMonths: site.reviewIntervalMonths,
            overdueText: strings.format("country_overdue_text", [("date", strings.date(c.reviewed)),
                                                                  ("months", String(site.reviewIntervalMonths))]),
            screeningURL: RelativeURL.from(path, to: SiteRenderer.Paths.screening) + "#country=" + parsed.id.slug)
    }

    /// A concern of `country` as shown on the page at `path`. On the
    /// country's own page its basis is that page's inline HTML; elsewhere it
    /// is plain text, since the inline HTML's links are relative to the
    /// country's folder and an incremental build has it only for pages it
    /// parses again.
    /// - Parameter products: the products to show, if not all it names
    ///   with its categories (a matrix cell shows those of its column).
    package func concernView(_ concern: Concern, of country: ParsedPage, from path: String, showingCountry: Bool,
                     products: [PageID]? = nil) -> ConcernView {
        let own = path == country.id.outputPath
        return ConcernView(
            country: showingCountry ? link(to: country, from: path, summary: false) : nil,
            products: links(products ?? concern.products.map { PageID(.product, $0.value) }, from: path),
            categories: products != nil ? [] : concern.categories.map { link(to: $0.value, in: .category, from: path) },
            basisHTML: own ? country.inline(concern.basis)
                           : HTMLEscaping.escape(MarkdownDocument.plainText(ofInline: concern.basis.value)),
            source: CitationView(concern.source, of: country.page, from: path, strings: strings))
    }
}
