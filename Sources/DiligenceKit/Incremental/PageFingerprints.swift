/// Hashes of what other outputs show about a page, compared between builds
/// to find the outputs an edit reaches:
///
/// - `card`: what link lists show (title, summary, risk, dates, taxonomy
///   terms, orphan status) — listing pages and neighbours' pages.
/// - `facts`: all its front matter and relations — the matrix, screening
///   data and review status.
/// - `neighbourhood`: the cards of every page its own HTML shows (backlinks,
///   related, products ↔ countries, guidance steps, previous/next) and the
///   layout; when it changes, the page is rendered again.
struct PageFingerprints: Codable, Sendable, Equatable {
    /// The front matter alone, as decoded (`Fingerprinter.frontMatterHash`).
    var frontMatter: UInt64
    var card: UInt64
    var facts: UInt64
    var neighbourhood: UInt64
}
