import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// What changed, and what editors must look after: the changes page and the
/// review-status page.
extension SiteRenderer {
    package func datedPages() -> [DatedPage] {
        reads.all.compactMap { DatedPage($0, changes: history.changes(ofFile: $0.page.file)) }.sorted(by: DatedPage.newestFirst)
    }

    /// Pages by date of update or review, newest first, grouped by year.
    package func renderChanges() -> OutputFile {
        let path = Paths.changes
        var years: [(year: String, items: [LinkView])] = []
        for entry in datedPages() {
            var item = link(to: entry.page, from: path)
            item.note = entry.page.id.kind.label + " · " + entry.note
            let year = String(entry.date.year)
            if years.last?.year == year { years[years.count - 1].items.append(item) } else { years.append((year, [item])) }
        }
        let groups = years.map { ListingView.Group(heading: $0.year, id: "y" + $0.year, items: $0.items) }
        let intro = history.isEmpty
            ? "Pages by the date they were last updated or reviewed, newest first. Also as an Atom feed (feed.xml) for feed readers."
            : "Pages by the date of their last change in the content’s history, newest first, with what the change was. Also as an Atom feed (feed.xml) for feed readers."
        var context = layout(path: path, title: "What changed", description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: groups, ordered: false, emptyNote: "No page carries an update or review date yet.")
        return listingFile(path, context, template: "list")
    }

    package func renderReviewStatus() -> OutputFile {
        let path = Paths.review
        let interval = site.reviewIntervalMonths
        // Oldest review first; the same date A to Z.
        let rows = reads.alphabetical(.country).enumerated().compactMap { position, page -> (PartialDate, Int, ReviewView.Row)? in
            guard case .country(let c) = reads.details(of: page) else { return nil }
            let age = c.reviewed.months(until: today)
            let overdue = age >= interval
            let status = overdue
                ? (age - interval == 0 ? "Due now" : "Overdue by \(age - interval) month\(age - interval == 1 ? "" : "s")")
                : "Due in \(interval - age) month\(interval - age == 1 ? "" : "s")"
            return (c.reviewed, position, .init(country: link(to: page, from: path, summary: false), reviewed: c.reviewed.readable,
                                      reviewedISO: c.reviewed.description, reviewedBy: c.reviewedBy, overdue: overdue,
                                      status: status, unknownFactors: c.factors.filter { $0.status == .unknown }.count))
        }.sorted { a, b in a.0 != b.0 ? a.0 < b.0 : a.1 < b.1 }.map(\.2)
        // Whether anything links to a page is part of its card.
        let orphans = reads.allAlphabetical.filter { $0.id.kind != .page && reads.backlinks(of: $0.id).isEmpty }
            .map { link(to: $0, from: path, note: $0.id.kind.label, summary: false) }
        let unassessed = reads.memberPages(of: SiteConfig.unknownRisk, in: .risk).map { link(to: $0, from: path, note: $0.id.kind.label, summary: false) }
        let intro = "For editors: country profiles by the date they were last reviewed, oldest first. A profile is due for review every \(interval) months."
        var context = layout(path: path, title: "Review status", description: intro, section: nil, breadcrumbs: [])
        context.listing = ListingView(intro: intro, groups: [], ordered: false)
        context.review = ReviewView(intervalMonths: interval, rows: rows, overdueCount: rows.filter(\.overdue).count,
                                    orphans: orphans, unassessed: unassessed)
        return listingFile(path, context, template: "review")
    }
}
