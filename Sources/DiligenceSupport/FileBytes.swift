import Foundation

/// Reads and writes whole files as bytes with plain system calls.
///
/// `FileManager.contents(atPath:)` reads into `Data`, which callers then copy
/// into `[UInt8]`: two buffers and twice the page faults for every file. The
/// build reads 10,000 pages and a 27 MB cache, so it reads straight into the
/// array it keeps.
package enum FileBytes {
    /// Whether the regular file at `path` holds exactly `bytes`: its size
    /// first, so a changed file of another length is not read at all (an
    /// incremental build compares 36 MB of data files it mostly rewrites).
    ///
    /// Read a block at a time into one small buffer, stopping at the first
    /// difference: reading the whole file into a new array first touched as
    /// many fresh pages as the file has, each first touch a page fault
    /// (7,500 of them for the 31 MB of data files a title edit rewrites,
    /// about 4 µs each on the benchmark machine).
    package static func holds(_ bytes: [UInt8], at path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count else { return false }
        guard commonLength(bytes, fd: fd) == bytes.count else { return false }
        // Longer than its size said (it grew while being read)?
        var probe: UInt8 = 0
        while true {
            let n = SystemCalls.read(fd, &probe, 1)
            if n < 0 && errno == EINTR { continue }
            return n == 0
        }
    }

    /// How many leading bytes the regular file at `path` has in common
    /// with `bytes` (read up to the first difference, as `holds` reads),
    /// and the file's size; nil when no regular file is there.
    package static func commonPrefix(_ bytes: [UInt8], at path: String) -> (common: Int, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return (commonLength(bytes, fd: fd), Int(info.st_size))
    }

    /// How many leading bytes of the open file, read from where it stands,
    /// are `bytes`' own: read a block at a time into one small buffer.
    private static func commonLength(_ bytes: [UInt8], fd: Int32) -> Int {
        let block = min(bytes.count, 64 * 1024)
        return bytes.withUnsafeBytes { expected -> Int in
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(block, 1), alignment: 16)
            defer { buffer.deallocate() }
            var offset = 0
            while offset < expected.count {
                let n = SystemCalls.read(fd, buffer, min(block, expected.count - offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return offset }
                if memcmp(buffer, expected.baseAddress! + offset, n) != 0 {
                    let read = buffer.assumingMemoryBound(to: UInt8.self)
                    var same = 0
                    while read[same] == expected[offset + same] { same += 1 }
                    return offset + same
                }
                offset += n
            }
            return offset
        }
    }

    /// The bytes of a regular file, or nil if it cannot be opened or read (or
    /// is not a regular file: a FIFO would block the build).
    package static func read(_ path: String) -> [UInt8]? {
        // Non-blocking, or opening a FIFO would wait for a writer; reading a
        // regular file is not affected.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { buffer, count in
            count = 0
            while count < size {
                let n = SystemCalls.read(fd, buffer.baseAddress! + count, size - count)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failed = true; return }
                if n == 0 { return }  // the file shrank while being read
                count += n
            }
        }
        guard !failed else { return nil }
        // Read on to the end, in case the file grew while being read.
        var probe: UInt8 = 0
        while true {
            let n = SystemCalls.read(fd, &probe, 1)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(probe)
        }
        return bytes
    }
}
