import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// What changed, and what editors must look after: the changes page and the
/// review-status page.
extension SiteRenderer {
    /// Every page with a date, newest first, the same date in id order
    /// (so the order is stable); the first `limit` of them. With git
    /// history every committed page has one (every page's card is read);
    /// without, only the pages whose front matter dates them
    /// (`Dependency.dated`).
    package func datedPages(limit: Int = .max) -> [DatedPage] {
        let pages = history.isEmpty ? reads.datedByFrontMatter : reads.all
        var dated: [DatedPage] = []
        dated.reserveCapacity(pages.count)
        for page in pages {
            if let entry = DatedPage(page, latest: history.latestChange(ofFile: page.page.file)) { dated.append(entry) }
        }
        // Sorted by place, not as values: pages come in id order, so the
        // earlier of two places on one date is the smaller id. Sorting the
        // entries themselves copied a page and a commit at every move
        // (10,000 entries with git history, for this page and the feed).
        let dates = dated.map(\.date)
        let order = dated.indices.sorted { a, b in dates[a] != dates[b] ? dates[b] < dates[a] : a < b }
        return order.prefix(limit).map { dated[$0] }
    }

    /// Pages by date of update or review, newest first, grouped by year.
    package func renderChanges() -> OutputFile {
        let path = Paths.changes
        let dated = datedPages()
        var groups: [ListingView.Group] = []
        var start = 0
        while start < dated.count {
            let year = dated[start].date.year
            var end = start + 1
            while end < dated.count, dated[end].date.year == year { end += 1 }
            groups.append(ListingView.Group(heading: String(year), id: "y" + String(year),
                                            items: ChangeLinks(entries: dated[start..<end], renderer: self, from: path)))
            start = end
        }
        let intro = strings[history.isEmpty ? "changes_intro_dates" : "changes_intro_history"]
        var context = layout(path: path, title: strings["changes_title"], description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: groups, ordered: false, emptyNote: strings["changes_empty"])
        return listingFile(path, context, template: "list")
    }

    package func renderReviewStatus() -> OutputFile {
        let path = Paths.review
        let interval = site.reviewIntervalMonths
        // Oldest review first; the same date A to Z.
        let rows = reads.alphabetical(.country).enumerated().compactMap { position, page -> (PartialDate, Int, ReviewView.Row)? in
            guard let c = reads.reviewState(of: page) else { return nil }
            let age = c.reviewed.months(until: today)
            let overdue = age >= interval
            let status = overdue
                ? (age - interval == 0 ? strings["review_due_now"] : strings.count("review_overdue_by", age - interval))
                : strings.count("review_due_in", interval - age)
            return (c.reviewed, position, .init(country: link(to: page, from: path, summary: false), reviewed: strings.date(c.reviewed),
                                      reviewedISO: c.reviewed.description, reviewedBy: c.reviewedBy, overdue: overdue,
                                      status: status, unknownFactors: c.unknownFactors))
        }.sorted { a, b in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }.map(\.2)
        // Whether anything links to a page is part of its card.
        let orphans = reads.orphansAlphabetical
            .map { link(to: $0, from: path, note: strings.label($0.id.kind), summary: false) }
        let unassessed = reads.memberPages(of: SiteConfig.unknownRisk, in: .risk).map { link(to: $0, from: path, note: strings.label($0.id.kind), summary: false) }
        let intro = strings.format("review_intro", [("months", String(interval))])
        var context = layout(path: path, title: strings["review_title"], description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        let overdueCount = rows.filter(\.overdue).count
        context.review = ReviewView(intervalMonths: interval, rows: rows, overdueCount: overdueCount,
                                    overdueText: strings.count("review_overdue_count", overdueCount),
                                    orphans: orphans, unassessed: unassessed)
        return listingFile(path, context, template: "review")
    }
}
