import DiligenceDiagnostics
import DiligenceSupport

extension StableHasher {
    /// A page id: its kind, then its slug.
    package mutating func combine(_ id: PageID) {
        combine(id.kind.rawValue)
        combine(id.slug)
    }
}
