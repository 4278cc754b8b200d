/// The data behind the screening page: for every product and country, what
/// goes on a transaction checklist, as plain text (the page's script builds
/// its DOM from text nodes and never parses HTML from data). URLs are
/// relative to the screening page, which sits at the site root.
struct ScreeningData: Encodable {
    struct Risk: Encodable {
        var id: String
        var label: String
        var rank: Int
    }

    struct Link: Encodable {
        var title: String
        var url: String
    }

    struct Control: Encodable {
        var regime: String
        var entry: String?
        var note: String?
    }

    struct Product: Encodable {
        var id: String
        var title: String
        var url: String
        var summary: String
        var category: String
        var risk: Risk
        var redFlags: [String]
        var safeguards: [String]
        var controls: [Control]
        /// Countries of concern (either page names the other).
        var countries: [String]
        /// Guidance steps that name this product, or that it names.
        var guidance: [String]
    }

    struct Factor: Encodable {
        var label: String
        var status: String
        var statusLabel: String
        var note: String?
        var source: Link?
    }

    struct Measure: Encodable {
        var authority: String
        var text: String
        var date: String?
        var url: String?
    }

    struct Country: Encodable {
        var id: String
        var title: String
        var url: String
        var summary: String
        var region: String
        var risk: Risk
        var factors: [Factor]
        var measures: [Measure]
        var regimes: [String]
        var reviewed: String
        var overdue: Bool
        var guidance: [String]
    }

    struct Step: Encodable {
        var id: String
        var order: Int
        var title: String
        var url: String
        var summary: String
    }

    var products: [Product]
    var countries: [Country]
    /// Every guidance step, in order.
    var guidance: [Step]

    init(renderer: SiteRenderer) {
        let graph = renderer.graph
        let site = graph.site
        func risk(_ id: String) -> Risk {
            let view = RiskView(id, in: site.riskLevels)
            return Risk(id: view.id, label: view.label, rank: view.rank)
        }
        func text(_ markdown: Located<String>) -> String {
            MarkdownDocument.plainText(ofInline: markdown.value)
        }
        // Guidance steps whose `related` names each page.
        var relatedGuidance: [PageID: [String]] = [:]
        for step in graph.guidanceInOrder {
            for id in graph.related[step.id] ?? [] { relatedGuidance[id, default: []].append(step.id.slug) }
        }
        products = graph.pages(of: .product).compactMap { page in
            guard case .product(let p) = page.page.details else { return nil }
            let named = Set(p.guidance.map(\.value) + (relatedGuidance[page.id] ?? []))
            return Product(
                id: page.id.slug, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
                category: site.categories.label(p.category), risk: risk(p.risk),
                redFlags: p.redFlags.map(text), safeguards: p.safeguards.map(text),
                controls: p.controls.map { Control(regime: site.regimes.label($0.regime), entry: $0.entry, note: $0.note.map(text)) },
                countries: (graph.productCountries[page.id] ?? []).map(\.slug),
                guidance: graph.guidanceInOrder.map(\.id.slug).filter(named.contains))
        }
        countries = graph.pages(of: .country).compactMap { page in
            guard case .country(let c) = page.page.details else { return nil }
            let factors = c.factors.map { f -> Factor in
                var source: Link?
                switch f.source {
                case .url(let url): source = Link(title: "Source", url: url)
                case .sourceIndex(let n):
                    let cited = page.page.sources.indices.contains(n - 1) ? page.page.sources[n - 1] : nil
                    source = Link(title: cited?.title ?? "Source \(n)", url: cited?.url ?? page.id.outputPath + "#source-\(n)")
                case nil: break
                }
                return Factor(label: site.factors.label(f.factor), status: f.status.rawValue, statusLabel: f.status.label,
                              note: f.note.map(text), source: source)
            }
            return Country(
                id: page.id.slug, title: page.page.title, url: page.id.outputPath, summary: page.page.summary,
                region: site.regions.label(c.region), risk: risk(c.risk), factors: factors,
                measures: c.measures.map { Measure(authority: $0.authority, text: text($0.measure), date: $0.date?.readable, url: $0.url) },
                regimes: c.regimes.map(site.regimes.label), reviewed: c.reviewed.readable,
                overdue: c.reviewed.months(until: renderer.today) >= site.reviewIntervalMonths,
                guidance: relatedGuidance[page.id] ?? [])
        }
        guidance = graph.guidanceInOrder.compactMap { page in
            guard case .guidance(let g) = page.page.details else { return nil }
            return Step(id: page.id.slug, order: g.order, title: page.page.title, url: page.id.outputPath, summary: page.page.summary)
        }
    }

    func script() -> String {
        ScriptData.assignment("DiligenceScreening", self)
    }
}
