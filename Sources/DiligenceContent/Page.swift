import DiligenceDiagnostics
import DiligenceSupport

/// A content page after its front matter has been decoded and validated:
/// the fields every kind shares, the kind's own fields, and the Markdown body
/// (parsed later, once, by the Markdown stage).
public struct Page: Sendable {
    public var id: PageID
    /// Path for diagnostics (`content/countries/cn.md`).
    public var file: String
    public var title: String
    public var summary: String
    public var tags: [String]
    public var sources: [Source]
    public var updated: PartialDate?
    public var draft: Bool
    public var details: PageDetails
    /// The Markdown after the front matter, and the file line it starts on.
    public var body: String
    public var bodyFirstLine: Int

    public var kind: PageKind { id.kind }
}

/// The fields that only one kind of page has.
public enum PageDetails: Sendable {
    case guidance(GuidanceStep)
    case product(ProductRisk)
    case country(CountryProfile)
    case page
}
