import DiligenceSupport
import Foundation

/// Reads the content folder's history through git's command line (the one
/// interface every machine with git has; no library to keep in step with
/// the repository format). Three calls: whether the folder is in a work
/// tree (and a shallow clone), the log of the folder with the files each
/// commit changed, and whether the folder has uncommitted changes.
package struct GitHistoryReader {
    /// The content folder, as the build names it.
    package var root: String
    /// The edition's date when git gives none: `SOURCE_DATE_EPOCH`, else `--today`.
    package var fallbackDate: PartialDate
    /// The git program (found on `PATH` through `env`).
    package var git = "git"

    package init(root: String, fallbackDate: PartialDate) {
        self.root = root
        self.fallbackDate = fallbackDate
    }

    package func read() -> ContentHistory {
        let dated = ContentHistory(edition: Edition(commit: nil, date: fallbackDate), root: root)
        guard let state = run(["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"]) else {
            return with(dated, note: "\(root) is not in a git work tree: pages show no change history, and the edition is the build date (\(fallbackDate))")
        }
        let flags = state.split(separator: "\n")
        guard flags.first == "true" else {
            return with(dated, note: "\(root) is not in a git work tree: pages show no change history")
        }
        let shallow = flags.count > 1 && flags[1] == "true"
        // -z separates file names with NUL, so no name is quoted or split.
        let arguments = shallow
            ? ["log", "-1", "--format=%H%x1f%cs%x1f%s", "--", "."]
            : ["log", "-z", "--format=%x1e%H%x1f%cs%x1f%s", "--name-only", "--relative", "--no-renames", "--", "."]
        guard let log = run(arguments) else {
            return with(dated, note: "git could not read the history of \(root): pages show no change history")
        }
        var (commits, byFile) = Self.parse(log, shallow: shallow)
        let uncommitted = !(run(["status", "--porcelain", "--", "."]) ?? "").isEmpty
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
    package static func parse(_ log: String, shallow: Bool = false) -> ([ContentCommit], [String: [Int]]) {
        var commits: [ContentCommit] = []
        var byFile: [String: [Int]] = [:]
        let records = shallow ? [Substring(log)] : log.split(separator: "\u{1E}")
        for record in records {
            let parts = record.split(separator: "\0", omittingEmptySubsequences: true)
            guard let header = parts.first else { continue }
            let fields = header.trimmingCharacters(in: .newlines).split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let date = PartialDate(String(fields[1])) else { continue }
            let index = commits.count
            commits.append(ContentCommit(hash: String(fields[0]), date: date, subject: String(fields[2])))
            for file in parts.dropFirst() {
                let name = file.trimmingCharacters(in: .newlines)
                if !name.isEmpty { byFile[name, default: []].append(index) }
            }
        }
        return (commits, byFile)
    }

    /// Runs git in the content folder; its output, or nil when it fails
    /// (no git, not a repository, a repository git refuses to read).
    private func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [git, "-c", "core.quotePath=false", "-C", root] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"  // `status` must not write the index of the editor's tree
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
