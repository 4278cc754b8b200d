/// One entry of a country profile's `factors`: a risk factor from `site.yml`,
/// its status, a note, and the source that supports it.
public struct FactorAssessment: Sendable, Hashable {
    /// How a factor cites its evidence: a URL, or the 1-based index of an entry
    /// in the page's `sources`.
    public enum Evidence: Sendable, Hashable {
        case url(String)
        case sourceIndex(Int)
    }

    public var factor: String
    public var status: FactorStatus
    public var note: Located<String>?
    public var source: Evidence?
    public var location: SourceLocation
}
