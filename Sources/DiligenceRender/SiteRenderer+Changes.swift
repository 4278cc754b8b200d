import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// What changed, and what editors must look after: the changes page and the
/// review-status page.
extension SiteRenderer {
    /// Every page with a date, newest first. With git history every
    /// committed page has one (every page's card is read); without, only
    /// the pages whose front matter dates them (`Dependency.dated`).
    package func datedPages() -> [DatedPage] {
        let pages = history.isEmpty ? reads.datedByFrontMatter : reads.all
        return pages.compactMap { DatedPage($0, changes: history.changes(ofFile: $0.page.file)) }.sorted(by: DatedPage.newestFirst)
    }

    /// Pages by date of update or review, newest first, grouped by year.
    package func renderChanges() -> OutputFile {
        let path = Paths.changes
        var years: [(year: String, items: [LinkView])] = []
        for entry in datedPages() {
            var item = link(to: entry.page, from: path)
            item.note = strings.label(entry.page.id.kind) + " · " + entry.note(strings)
            let year = String(entry.date.year)
            if years.last?.year == year { years[years.count - 1].items.append(item) } else { years.append((year, [item])) }
        }
        let groups = years.map { ListingView.Group(heading: $0.year, id: "y" + $0.year, items: $0.items) }
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
