import DiligenceDiagnostics
import DiligenceSupport

/// A content page after its front matter has been decoded and validated:
/// the fields every kind shares, the kind's own fields, and the Markdown body
/// (parsed later, once, by the Markdown stage).
package struct Page: Sendable {
    package var id: PageID
    /// Path for diagnostics (`content/countries/cn.md`).
    package var file: String
    package var title: String
    package var summary: String
    package var tags: [String]
    package var sources: [Source]
    package var updated: PartialDate?
    package var draft: Bool
    package var details: PageDetails
    /// The Markdown after the front matter, and the file line it starts on.
    package var body: String
    package var bodyFirstLine: Int
    /// The language of the texts when they are a translation's (nil: the
    /// site's default language).
    package var textLanguage: String? = nil
    /// A translation's own `updated` date (when its texts were last brought
    /// in line with the original).
    package var translationUpdated: PartialDate? = nil
    /// For a translation: its original's heading ids, which its own
    /// headings take when there are as many (so `#country-rating` reaches
    /// the same section in every language).
    package var headingIDs: [String]? = nil

    package var kind: PageKind { id.kind }

    /// The dates the front matter gives the page, with what each records:
    /// `updated`, and a country profile's `reviewed`. Without git history,
    /// a page with neither has no date: "What changed" and the feed leave it out.
    package var ownDates: [(date: PartialDate, event: String)] {
        var dates: [(date: PartialDate, event: String)] = []
        if let updated { dates.append((updated, "updated")) }
        if case .country(let c) = details { dates.append((c.reviewed, "reviewed")) }
        return dates
    }
}

/// The fields that only one kind of page has.
package indirect enum PageDetails: Sendable {
    case guidance(GuidanceStep)
    case product(ProductRisk)
    case country(CountryProfile)
    case page
}
