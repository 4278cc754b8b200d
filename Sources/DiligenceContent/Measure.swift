import DiligenceDiagnostics
import DiligenceSupport

/// A sanction, entity listing, embargo or advisory recorded on a country profile.
package struct Measure: Sendable, Hashable {
    package var authority: String
    package var measure: Located<String>
    /// When it took effect (not when it was announced).
    package var date: PartialDate?
    package var url: String?
    /// The source cited by number, when not by `url`.
    package var source: Evidence?
    /// Whether it bans, or requires a licence for, exports of
    /// surveillance-capable items to this country or to its government
    /// end-users: what makes a country `critical` under the written rule.
    package var restrictsExports: Bool

    /// The source it cites, whichever field names it.
    package var evidence: Evidence? { url.map(Evidence.url) ?? source }

    package init(authority: String, measure: Located<String>, date: PartialDate?, url: String?,
                source: Evidence? = nil, restrictsExports: Bool = false) {
        self.authority = authority
        self.measure = measure
        self.date = date
        self.url = url
        self.source = source
        self.restrictsExports = restrictsExports
    }
}
