import Foundation

/// What `stat` says about a file: when any of it differs from the cache's
/// record, the file is read again (and compared by content hash).
package struct FileStamp: Codable, Equatable, Sendable {
    package var size: Int64
    package var modified: Int64
    package var modifiedNanoseconds: Int64
    package var inode: UInt64

    /// Matches no file: the file is read again next time.
    package static let missing = FileStamp(size: -1, modified: 0, modifiedNanoseconds: 0, inode: 0)

    package init(size: Int64, modified: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The stamp of the file `name` in the open folder `folder` (`OpenFolders`).
    package init?(folder: Int32, name: UnsafePointer<CChar>) {
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        size = Int64(info.st_size)
        (modified, modifiedNanoseconds) = SystemCalls.modified(info)
        inode = UInt64(info.st_ino)
    }
}
