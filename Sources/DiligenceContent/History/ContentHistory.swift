import DiligenceSupport

/// The content folder's git history: the edition, and the commits that
/// changed each file, newest first. Empty (an edition with a date only)
/// when the content is not in a git work tree or the clone is shallow.
package struct ContentHistory: Sendable {
    package var edition: Edition
    /// Every commit that changed the content, newest first.
    package var commits: [ContentCommit]
    /// Each file's commits (indexes into `commits`, newest first), by its
    /// path relative to the content folder (`countries/cn.md`).
    package var changesByFile: [String: [Int]]
    /// The content folder as pages name their files (`Page.file` starts with it).
    package var root: String
    /// Why there is no page history, when there is none: printed as a note.
    package var note: String?

    package init(edition: Edition, commits: [ContentCommit] = [], changesByFile: [String: [Int]] = [:],
                 root: String = "content", note: String? = nil) {
        self.edition = edition
        self.commits = commits
        self.changesByFile = changesByFile
        self.root = root
        self.note = note
    }

    /// True when pages have a history to show.
    package var isEmpty: Bool { commits.isEmpty }

    /// The commits that changed a page's file (`Page.file`), newest first.
    package func changes(ofFile file: String) -> [ContentCommit] {
        (changesByFile[relativePath(file)] ?? []).map { commits[$0] }
    }

    /// The newest commit that changed a page's file: what a date or a
    /// "changed" note shows. `changes(ofFile:)` copies every commit of
    /// the file; the changes page, the feed and the screening data ask
    /// this of every page, 10,000 times a build.
    package func latestChange(ofFile file: String) -> ContentCommit? {
        changesByFile[relativePath(file)]?.first.map { commits[$0] }
    }

    private func relativePath(_ file: String) -> String {
        let prefix = root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    /// What every output shows of the history, as one value: a build whose
    /// history differs from the cached one's renders everything again
    /// (every page shows the edition, so nothing could be kept anyway).
    package var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(edition.commit?.hash ?? "")
        hasher.combine(edition.date.description)
        hasher.combine(edition.uncommitted ? 1 : 0)
        for commit in commits {
            hasher.combine(commit.hash)
            hasher.combine(commit.date.description)
            hasher.combine(commit.subject)
        }
        for file in changesByFile.keys.sorted() {
            hasher.combine(file)
            for index in changesByFile[file]! { hasher.combine(index) }
        }
        return hasher.value
    }
}
