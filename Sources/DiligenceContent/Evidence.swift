import DiligenceDiagnostics
import DiligenceSupport

/// How a factor, a measure or a concern cites its evidence: a URL, or the
/// 1-based index of an entry in the page's `sources`.
package enum Evidence: Sendable, Hashable {
    case url(String)
    case sourceIndex(Int)
}
