import DiligenceDiagnostics
import DiligenceSupport

/// A sanction, entity listing, embargo or advisory recorded on a country profile.
public struct Measure: Sendable, Hashable {
    public var authority: String
    public var measure: Located<String>
    /// When it took effect (not when it was announced).
    public var date: PartialDate?
    public var url: String?
    /// The source cited by number, when not by `url`.
    public var source: Evidence?
    /// Whether it bans, or requires a licence for, exports of
    /// surveillance-capable items to this country or to its government
    /// end-users: what makes a country `critical` under the written rule.
    public var restrictsExports: Bool

    /// The source it cites, whichever field names it.
    public var evidence: Evidence? { url.map(Evidence.url) ?? source }

    public init(authority: String, measure: Located<String>, date: PartialDate?, url: String?,
                source: Evidence? = nil, restrictsExports: Bool = false) {
        self.authority = authority
        self.measure = measure
        self.date = date
        self.url = url
        self.source = source
        self.restrictsExports = restrictsExports
    }
}
