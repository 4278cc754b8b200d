import DiligenceSupport
import Foundation

/// Every file the build writes, renames or makes goes through here: the
/// seam where tests make a chosen write fail (`failing`), to check that a
/// failed write never swaps a half-written site in, nor leaves a cache that
/// describes what was not written.
package struct FileSystem: Sendable {
    /// The error a write to this path must fail with, if any (tests only).
    private var fault: (@Sendable (String) -> PublishError?)?

    /// Writes to disk.
    package static let real = FileSystem(fault: nil)

    /// Writes to disk, except where `fault` returns an error.
    package static func failing(_ fault: @escaping @Sendable (String) -> PublishError?) -> FileSystem {
        FileSystem(fault: fault)
    }

    private func check(_ path: String) throws(PublishError) {
        if let error = fault?(path) { throw error }
    }

    /// Creates or truncates the file at `path` and writes `bytes`.
    package func write(_ bytes: [UInt8], to path: String) throws(PublishError) {
        try check(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        try FileBytes.write(bytes, to: fd, path: path)
    }

    /// Creates or truncates the file at `path` and writes `splice`, its
    /// kept runs straight from the mapping of the earlier file.
    package func write(_ splice: ByteSplice, to path: String) throws(PublishError) {
        try check(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        for piece in splice.pieces {
            switch piece {
            case .bytes(let bytes): try FileBytes.write(bytes, to: fd, path: path)
            case .kept(let range): try FileBytes.write(splice.bytes(of: range), to: fd, path: path)
            }
        }
    }

    /// Writes `bytes` over the file at `path` without truncating it first,
    /// then cuts it to length (`InPlaceWriter.overwrite` says why). Returns
    /// false, writing nothing, when `path` is a symbolic link or a folder,
    /// or, with `onlyName`, a file with another name (a hard link: writing
    /// over it would change the other name's bytes too; the build cache's
    /// copies of search chunks are such names, which an incremental build
    /// means to change together).
    package func overwrite(_ bytes: [UInt8], at path: String, onlyName: Bool = false) throws(PublishError) -> Bool {
        try check(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0 && (errno == ELOOP || errno == EISDIR) { return false }
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) != S_IFREG || (onlyName && info.st_nlink > 1) { return false }
        try FileBytes.write(bytes, to: fd, path: path)
        try cut(fd, to: bytes.count, from: Int(info.st_size), path: path)
        return true
    }

    /// Writes `tail` over the file at `path` from byte `start` on, then cuts
    /// the file to `start + tail.count`: the bytes before `start` are not
    /// touched. Returns false, writing nothing, when `path` is not a regular
    /// file (a symbolic link, a folder) or is shorter than `start`.
    package func overwrite(_ tail: ArraySlice<UInt8>, at path: String, from start: Int) throws(PublishError) -> Bool {
        guard let (fd, size) = try openToWriteOver(path, from: start) else { return false }
        defer { close(fd) }
        do {
            try tail.withUnsafeBytes { try FileBytes.write($0, to: fd, at: start, path: path) }
        } catch {
            throw error as? PublishError ?? .io(path: path, message: "\(error)")  // a slice's `withUnsafeBytes` rethrows untyped
        }
        try cut(fd, to: start + tail.count, from: size, path: path)
        return true
    }

    /// Writes `splice` over its own source, the file at `path`, from byte
    /// `start` on (the bytes before it are the source's own), a block at a
    /// time from the mapping, and cuts the file to the splice's length.
    /// Each block is made before the one before it is written, so a kept
    /// run is read before the bytes it comes from are written over, as
    /// long as no run moves towards the end by more than a block
    /// (`ByteSplice.maxShift`). Two blocks of memory instead of a copy of
    /// the whole tail (14 MB for a country's edit: countries come first in
    /// the data files), so no fresh pages to fault in. Returns false,
    /// writing nothing, when a run moves further, or `path` is not a
    /// regular file at least `start` long.
    package func overwrite(_ splice: ByteSplice, from start: Int, at path: String) throws(PublishError) -> Bool {
        let block = 1 << 20
        guard splice.maxShift(from: start) <= block else { return false }
        guard let (fd, size) = try openToWriteOver(path, from: start) else { return false }
        defer { close(fd) }
        var ready = UnsafeMutableRawBufferPointer.allocate(byteCount: block, alignment: 64)
        var next = UnsafeMutableRawBufferPointer.allocate(byteCount: block, alignment: 64)
        defer { ready.deallocate(); next.deallocate() }
        var reader = ByteSplice.Reader(splice, from: start)
        var offset = start
        var count = reader.read(into: ready)
        while count > 0 {
            let following = reader.read(into: next)  // made before `ready` is written
            try FileBytes.write(UnsafeRawBufferPointer(rebasing: ready[..<count]), to: fd, at: offset, path: path)
            offset += count
            swap(&ready, &next)
            count = following
        }
        try cut(fd, to: offset, from: size, path: path)
        return true
    }

    /// Cuts a file written over to its new length, when it was longer: a
    /// file that kept or grew its length is that long already, and
    /// `ftruncate` to the same length still splits the page cache's folio
    /// at the end of the file (4 % of a new page's incremental build in
    /// `perf`: its 900 search chunks keep their length or grow). It saves
    /// CPU time; the build's wall time did not move beyond the noise.
    private func cut(_ fd: Int32, to length: Int, from old: Int, path: String) throws(PublishError) {
        guard length < old else { return }
        if ftruncate(fd, off_t(length)) != 0 { throw .io(path: path, message: String(cString: strerror(errno))) }
    }

    /// The regular file at `path`, opened to write over from byte `start`
    /// (never through a symbolic link); nil when there is none at least
    /// `start` long, or when it has names besides its own and the build
    /// cache's (another hard link, made by someone else, would change too).
    private func openToWriteOver(_ path: String, from start: Int) throws(PublishError) -> (fd: Int32, size: Int)? {
        try check(path)
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 && (errno == ELOOP || errno == EISDIR || errno == ENOENT) { return nil }
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink <= 2, Int(info.st_size) >= start else {
            close(fd)
            return nil
        }
        return (fd, Int(info.st_size))
    }

    /// Opens a file to write in many pieces (the build cache); with
    /// `appending`, the file that is there, to write after its end.
    package func sink(_ path: String, appending: Bool = false) throws(PublishError) -> FileSink {
        try check(path)
        return try FileSink(path: path, appending: appending)
    }

    package func rename(_ from: String, to: String) throws(PublishError) {
        try check(to)
        guard Foundation.rename(from, to) == 0 else { throw .io(path: to, message: String(cString: strerror(errno))) }
    }

    /// Makes `to` another name of the file at `from` (a hard link), in place
    /// of any file there. Fails across file systems; the caller writes a copy.
    package func link(_ from: String, to: String) throws(PublishError) {
        try check(to)
        unlink(to)
        guard Foundation.link(from, to) == 0 else { throw .io(path: to, message: String(cString: strerror(errno))) }
    }

    package func makeDirectory(_ path: String) throws(PublishError) {
        try check(path)
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .io(path: path, message: error.localizedDescription)
        }
    }

    package func remove(_ path: String) {
        unlink(path)
    }
}
