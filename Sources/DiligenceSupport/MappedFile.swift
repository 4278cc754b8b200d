import Foundation

/// A regular file's bytes mapped read-only into memory, for as long as the
/// object lives.
///
/// For an earlier build's big data files, of which an incremental build
/// copies most bytes as they are (`ByteSplice`): read into an array, the
/// 31 MB of a 10,000-page site cost a copy and a fresh page of memory (a
/// page fault) for every 4 KB, a third of rendering those files again. A
/// mapping shares the page cache the file is already in, mapped up front
/// (`MAP_POPULATE`) in one call.
package final class MappedFile: @unchecked Sendable {
    package let bytes: UnsafeRawBufferPointer
    private let mapped: UnsafeMutableRawPointer?
    /// The file's device and inode when it was mapped.
    private let identity: (device: UInt64, inode: UInt64)

    /// Nil when the file cannot be opened, is not a regular file, or cannot
    /// be mapped. An empty file maps to no bytes.
    package init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { SystemCalls.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        let size = Int(info.st_size)
        guard size > 0 else {
            mapped = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        mapped = address
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Whether `path` names the file that was mapped (the same inode: a
    /// hard link, or the same path not replaced since).
    package func isFile(at path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (UInt64(info.st_dev), UInt64(info.st_ino)) == identity
    }

    deinit {
        if let mapped { munmap(mapped, bytes.count) }
    }
}

/// One mapping is one value: a splice names the mapping it was made over.
extension MappedFile: Hashable {
    package static func == (a: MappedFile, b: MappedFile) -> Bool { a === b }
    package func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
