import DiligenceDiagnostics
import DiligenceSupport

/// Whether a country risk factor is documented. `unknown` is an honest gap an
/// editor must fill, never a guess.
package enum FactorStatus: String, Sendable, CaseIterable, Hashable {
    case present
    case partial
    case absent
    case unknown

    package var label: String {
        switch self {
        case .present: return "Present"
        case .partial: return "Partly present"
        case .absent: return "Absent"
        case .unknown: return "Unknown — needs an editor"
        }
    }
}
