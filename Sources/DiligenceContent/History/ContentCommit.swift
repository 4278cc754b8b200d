import DiligenceSupport

/// One commit that changed the content folder, as `git log` reports it.
package struct ContentCommit: Sendable, Hashable {
    /// The full object name: what an auditor looks up.
    package var hash: String
    /// The commit's date (committer date, in the committer's time zone).
    package var date: PartialDate
    /// The first line of the commit message.
    package var subject: String

    package init(hash: String, date: PartialDate, subject: String) {
        self.hash = hash
        self.date = date
        self.subject = subject
    }

    /// The first seven characters, always: git's own `%h` grows with the
    /// repository, and the same commit must print the same edition.
    package var shortHash: String { String(hash.prefix(7)) }
}
