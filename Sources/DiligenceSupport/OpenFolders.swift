import Foundation

/// The folders of many files, each opened once, so that the files are
/// looked at by name in their folder (`fstatat`) rather than by a path the
/// kernel walks from the root every time. An incremental build stats every
/// page file (10,000 at 10,000 pages): by path, each call walked the five or
/// six folders above the file again, a quarter of its cost.
///
/// A content folder has a handful of folders, so they are found by a
/// linear scan of the path's bytes, without a hash or a new string per file.
package final class OpenFolders: @unchecked Sendable {
    private let root: String
    /// Each folder (relative to `root`, empty for `root` itself) and its descriptor.
    private var folders: [(name: [UInt8], descriptor: Int32)] = []

    /// Opens the folders of `paths`, which are relative to `root`. A folder
    /// that cannot be opened is left out: its files are stat'ed by path.
    package init(root: String, paths: some Sequence<String>) {
        self.root = root
        for path in paths {
            path.withCString { path in
                let count = Self.folderLength(path)
                if find(path, count) != nil { return }
                let name = Array(UnsafeRawBufferPointer(start: path, count: count))
                let full = count == 0 ? root : root + "/" + String(decoding: name, as: UTF8.self)
                let descriptor = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if descriptor >= 0 { folders.append((name, descriptor)) }
            }
        }
    }

    deinit {
        for folder in folders { close(folder.descriptor) }
    }

    /// The stamp of the file at `path` (relative to `root`), as `FileStamp(path:)` gives it.
    package func stamp(_ path: String) -> FileStamp? {
        path.withCString { name in
            let count = Self.folderLength(name)
            guard let descriptor = find(name, count) else { return FileStamp(path: root + "/" + path) }
            return FileStamp(folder: descriptor, name: count == 0 ? name : name + count + 1)
        }
    }

    /// The length of the folder part of a path (before its last `/`).
    private static func folderLength(_ path: UnsafePointer<CChar>) -> Int {
        guard let slash = strrchr(path, Int32(UInt8(ascii: "/"))) else { return 0 }
        return path.distance(to: UnsafePointer(slash))
    }

    private func find(_ path: UnsafePointer<CChar>, _ count: Int) -> Int32? {
        for folder in folders where folder.name.count == count {
            if count == 0 || memcmp(folder.name, path, count) == 0 { return folder.descriptor }
        }
        return nil
    }
}
