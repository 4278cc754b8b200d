import DiligenceSupport
import Foundation

/// The content folder's `git log` as the last incremental build read it,
/// with the commit it was read at, in the build cache's folder.
///
/// Why: `git log --name-only` diffs every commit's tree with its parent's.
/// On 10,000 page files and 3,000 commits it took 2.3 s, twenty times an
/// incremental build with nothing changed (Benchmarks/HISTORY.md, "Session
/// of 2026-12-06 (02:18–)"). The log of a commit never changes, so a build
/// at the same commit reads the file; after commits on top of it, only
/// theirs are asked of git and put before it: when the new commits are a
/// chain without merges, git lists them first, then the old log as it was
/// (`GitHistoryReader.read`). Any other move of HEAD reads the whole log.
package struct GitLogCache {
    /// The file (`.diligence-cache/git-log-<hash>`).
    package var path: String

    package init(path: String) {
        self.path = path
    }

    /// The cache file for a content folder, named by its absolute path.
    package static func path(cacheDirectory: String, content: String) -> String {
        var hasher = StableHasher()
        hasher.combine(URL(fileURLWithPath: content).standardizedFileURL.path)
        return cacheDirectory + "/git-log-" + String(hasher.value, radix: 16)
    }

    /// The log read at `head` with `arguments`, and that commit; nil when
    /// the file is missing, of another form, or for other arguments.
    package func load(arguments: [String]) -> (head: String, log: String)? {
        guard let bytes = FileBytes.read(path), let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
        guard header.count == 3, header[0] == Self.magic, header[1] == Self.key(arguments), !header[2].isEmpty else { return nil }
        return (String(header[2]), String(decoding: bytes[(newline + 1)...], as: UTF8.self))
    }

    /// Keeps the log read at `head`; a failure only costs the next build
    /// the whole log. Written atomically (beside the file, then renamed),
    /// so a build running at the same time reads the old file or the new one.
    package func save(head: String, arguments: [String], log: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let bytes = Array("\(Self.magic)\t\(Self.key(arguments))\t\(head)\n".utf8) + Array(log.utf8)
        try? Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static let magic = "diligence-git-log-1"

    /// The arguments in the header line (the reader's own, without tabs).
    private static func key(_ arguments: [String]) -> String {
        arguments.joined(separator: " ")
    }
}
