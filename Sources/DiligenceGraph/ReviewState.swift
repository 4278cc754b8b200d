import DiligenceContent
import DiligenceSupport

/// What the review page shows of a country besides its card: when it was
/// last reviewed, by whom, and how many factors are still unknown. Read
/// through `Dependency.review`, so that a factor note, a measure or a
/// concern leaves the review page alone (read as the whole front matter,
/// each such edit rendered it again).
package struct ReviewState: Sendable {
    package var reviewed: PartialDate
    package var reviewedBy: String?
    package var unknownFactors: Int

    /// Nil for a page that is not a country profile.
    package init?(_ page: Page) {
        guard case .country(let c) = page.details else { return nil }
        reviewed = c.reviewed
        reviewedBy = c.reviewedBy
        unknownFactors = c.factors.filter { $0.status == .unknown }.count
    }

    /// The value `Dependency.review` compares.
    package var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(reviewed.description)
        hasher.combine(reviewedBy)
        hasher.combine(unknownFactors)
        return hasher.value
    }
}
