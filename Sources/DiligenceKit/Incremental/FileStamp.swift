import Foundation

/// What `stat` says about a file: when any of it differs from the cache's
/// record, the file is read again (and compared by content hash).
struct FileStamp: Codable, Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    /// Matches no file: the file is read again next time.
    static let missing = FileStamp(size: -1, modified: 0, modifiedNanoseconds: 0, inode: 0)

    init(size: Int64, modified: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}
