import DiligenceDiagnostics
import DiligenceSupport

/// One entry of a country profile's `factors`: a risk factor from `site.yml`,
/// its status, a note, and the source that supports it.
package struct FactorAssessment: Sendable, Hashable {
    package typealias Evidence = DiligenceContent.Evidence

    package var factor: String
    package var status: FactorStatus
    package var note: Located<String>?
    package var source: Evidence?
    package var location: SourceLocation

    package init(factor: String, status: FactorStatus, note: Located<String>?, source: Evidence?, location: SourceLocation) {
        self.factor = factor
        self.status = status
        self.note = note
        self.source = source
        self.location = location
    }
}
