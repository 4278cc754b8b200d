import DiligenceDiagnostics
import DiligenceSupport

/// One entry of a country profile's `factors`: a risk factor from `site.yml`,
/// its status, a note, and the source that supports it.
public struct FactorAssessment: Sendable, Hashable {
    public typealias Evidence = DiligenceContent.Evidence

    public var factor: String
    public var status: FactorStatus
    public var note: Located<String>?
    public var source: Evidence?
    public var location: SourceLocation

    public init(factor: String, status: FactorStatus, note: Located<String>?, source: Evidence?, location: SourceLocation) {
        self.factor = factor
        self.status = status
        self.note = note
        self.source = source
        self.location = location
    }
}
