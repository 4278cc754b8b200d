import DiligenceDiagnostics
import DiligenceSupport

extension StableHasher {
    /// A page id: its kind, then its slug's hash, computed once per id
    /// (hashing the slug's text again was a sixth of the hashing an
    /// incremental build does). For fingerprints only: a published name
    /// hashes the text itself (`SearchRecordNames`).
    package mutating func combine(_ id: PageID) {
        combine(id.kind.rank)
        combine(id.stableHash)
    }
}
