import DiligenceSupport
import Foundation

/// Reads the content folder's history through git's command line (the one
/// interface every machine with git has; no library to keep in step with
/// the repository format). Three calls: whether the folder is in a work
/// tree (and a shallow clone, and HEAD's commit), the log of the folder
/// with the files each commit changed (kept between incremental builds:
/// `GitLogCache`), and whether the folder has uncommitted changes.
package struct GitHistoryReader {
    /// The content folder, as the build names it.
    package var root: String
    /// The edition's date when git gives none: `SOURCE_DATE_EPOCH`, else `--today`.
    package var fallbackDate: PartialDate
    /// The git program (found on `PATH`).
    package var git = "git"
    /// Where the log read last time is kept, for an incremental build
    /// (`GitLogCache`); nil: the whole log is read every time.
    package var logCache: GitLogCache? = nil

    package init(root: String, fallbackDate: PartialDate) {
        self.root = root
        self.fallbackDate = fallbackDate
    }

    package func read() -> ContentHistory {
        let dated = ContentHistory(edition: Edition(commit: nil, date: fallbackDate), root: root)
        // HEAD's commit too, when there is one (in an empty repository,
        // `--revs-only` leaves out the HEAD it cannot name instead of failing).
        guard let state = run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--revs-only", "HEAD"]) else {
            return with(dated, note: "\(root) is not in a git work tree: pages show no change history, and the edition is the build date (\(fallbackDate))")
        }
        let flags = state.split(separator: "\n")
        guard flags.first == "true" else {
            return with(dated, note: "\(root) is not in a git work tree: pages show no change history")
        }
        let shallow = flags.count > 1 && flags[1] == "true"
        let head = flags.count > 2 ? String(flags[2]) : nil
        // -z separates file names with NUL, so no name is quoted or split.
        let arguments = shallow
            ? ["log", "-1", "--format=%H%x1f%cs%x1f%s", "--", "."]
            : ["log", "-z", "--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--relative", "--no-renames", "--", "."]
        // The log and the status run at once: each mostly waits on the disk.
        let status = start(["status", "--porcelain", "--", "."])
        guard let log = shallow ? run(arguments) : fullLog(arguments, head: head) else {
            return with(dated, note: "git could not read the history of \(root): pages show no change history")
        }
        var (commits, byFile) = Self.parse(log, shallow: shallow)
        let uncommitted = !(status.flatMap(finish) ?? "").isEmpty
        guard let newest = commits.first else {
            var history = dated
            history.edition.uncommitted = uncommitted
            return with(history, note: "\(root) has no commit yet: pages show no change history")
        }
        let edition = Edition(commit: newest, date: newest.date, uncommitted: uncommitted)
        if shallow {
            // A shallow clone's oldest commit would claim every file it holds:
            // no history is better than a wrong one.
            commits = []
            byFile = [:]
            return ContentHistory(edition: edition, root: root,
                                  note: "\(root) is in a shallow clone: pages show no change history (fetch the full history with `git fetch --unshallow`)")
        }
        return ContentHistory(edition: edition, commits: commits, changesByFile: byFile, root: root)
    }

    /// The log of the content folder at `head`: from the cache when it was
    /// read at that commit, or at one that `head` follows by a chain of
    /// commits without merges (then git reads only the chain's), else whole.
    private func fullLog(_ arguments: [String], head: String?) -> String? {
        guard let logCache, let head else { return run(arguments) }
        let cached = logCache.load(arguments: arguments)
        if let cached, cached.head == head { return cached.log }
        var log: String?
        if let cached, follows(head, by: cached.head), let newer = run(arguments.dropLast(2) + [cached.head + ".." + head, "--", "."]) {
            log = newer + cached.log
        } else {
            log = run(arguments)
        }
        if let log { logCache.save(head: head, arguments: arguments, log: log) }
        return log
    }

    /// Whether `head` is `base` with commits of one parent each on top:
    /// then `git log` lists those commits, then `base`'s log unchanged.
    private func follows(_ head: String, by base: String) -> Bool {
        guard let list = run(["rev-list", "--parents", base + ".." + head]) else { return false }
        var parents: [Substring: Substring] = [:]
        for line in list.split(separator: "\n") {
            let hashes = line.split(separator: " ")
            guard hashes.count == 2 else { return false }  // a merge, or a root commit
            parents[hashes[0]] = hashes[1]
        }
        // One chain: exactly one commit's parent is outside the list, and it is `base`.
        let outside = parents.values.filter { parents[$0] == nil }
        return outside.count == 1 && outside[0] == Substring(base)
    }

    /// The repository's reflog of HEAD (`.git/logs/HEAD`), which git appends
    /// to on every commit, checkout and reset: a preview server watches it
    /// to show a new edition without waiting for a file to change. Nil
    /// outside a work tree.
    package func headLog() -> String? {
        guard let gitDir = run(["rev-parse", "--absolute-git-dir"])?.trimmingCharacters(in: .whitespacesAndNewlines),
              !gitDir.isEmpty else { return nil }
        return gitDir + "/logs/HEAD"
    }

    private func with(_ history: ContentHistory, note: String) -> ContentHistory {
        var history = history
        history.note = note
        return history
    }

    /// Commits newest first, and each file's commits by index. In the log,
    /// each commit starts with RS (0x1E), its fields are separated by US
    /// (0x1F), and the file names follow, each ended by NUL.
    ///
    /// Split as bytes: splitting the `String` by `Character` and trimming
    /// with Foundation (through UTF-16) took 80 ms for the 680 KB log of
    /// 3,000 commits, a quarter of an incremental build's CPU time.
    package static func parse(_ log: String, shallow: Bool = false) -> ([ContentCommit], [String: [Int]]) {
        var commits: [ContentCommit] = []
        var byFile: [String: [Int]] = [:]
        let bytes = Array(log.utf8)
        let records = shallow ? [bytes[...]] : bytes.split(separator: 0x1E)
        for record in records {
            let parts = record.split(separator: 0)
            guard let header = parts.first else { continue }
            let fields = trimmed(header).split(separator: 0x1F, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let date = PartialDate(String(decoding: fields[1], as: UTF8.self)) else { continue }
            let index = commits.count
            commits.append(ContentCommit(hash: String(decoding: fields[0], as: UTF8.self), date: date,
                                         subject: String(decoding: fields[2], as: UTF8.self)))
            for file in parts.dropFirst() {
                let name = trimmed(file)
                if !name.isEmpty { byFile[String(decoding: name, as: UTF8.self), default: []].append(index) }
            }
        }
        return (commits, byFile)
    }

    /// Without the line breaks around it (a file name follows its commit's
    /// line after one).
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, first == 0x0A || first == 0x0D { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
        return bytes
    }

    /// Runs git in the content folder; its output, or nil when it fails
    /// (no git, not a repository, a repository git refuses to read).
    private func run(_ arguments: [String]) -> String? {
        start(arguments).flatMap(finish)
    }

    /// Starts git in the content folder, so two calls can run at once.
    private func start(_ arguments: [String]) -> ChildProcess? {
        // GIT_OPTIONAL_LOCKS: `status` must not write the index of the editor's tree.
        ChildProcess([git, "-c", "core.quotePath=false", "-C", root] + arguments,
                     environment: ["GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"])
    }

    private func finish(_ child: ChildProcess) -> String? {
        child.finish().map { String(decoding: $0, as: UTF8.self) }
    }
}
