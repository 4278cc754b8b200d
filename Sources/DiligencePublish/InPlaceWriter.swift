import DiligenceSupport
import Foundation

/// Writes the files an incremental build re-rendered straight into the
/// existing output folder. Each page is written to a temporary name and
/// renamed over the old one, so a reader (a web server, `serve`) sees the old
/// file or the new one, never half of one; a file whose bytes did not change
/// is left alone, so its modification time still says when it last changed.
/// The search index's files are the exception (`overwrite`).
package final class InPlaceWriter: @unchecked Sendable {
    package let root: String
    package let fileSystem: FileSystem
    private let lock = NSLock()
    private var error: PublishError?
    private var written: [String] = []
    private var bytes = 0

    package init(root: String) {
        self.root = root
        self.fileSystem = .real
    }

    package init(root: String, fileSystem: FileSystem) {
        self.root = root
        self.fileSystem = fileSystem
    }

    package var firstError: PublishError? { lock.withLock { error } }
    /// Paths written (changed or new), unsorted.
    package var writtenPaths: [String] { lock.withLock { written } }
    package var bytesWritten: Int { lock.withLock { bytes } }

    /// Replaces the file at `file.path` unless it holds these bytes already
    /// (`compare: false` when the caller knows it does not).
    package func write(_ file: OutputFile, compare: Bool = true) {
        if case .spliced(let source, let splice) = file.contents { return write(splice, from: source, at: file.path, compare: compare) }
        guard case .bytes(let contents) = file.contents else {
            lock.withLock { if error == nil { error = .io(path: file.path, message: "copies are not written in place") } }
            return
        }
        let target = root + "/" + file.path
        if compare, FileBytes.holds(contents, at: target) { return }
        let temporary = target + ".diligence-tmp"
        do throws(PublishError) {
            try fileSystem.makeDirectory((target as NSString).deletingLastPathComponent)
            try fileSystem.write(contents, to: temporary)
            try fileSystem.rename(temporary, to: target)
            lock.withLock {
                written.append(file.path)
                bytes += contents.count
            }
        } catch {
            fileSystem.remove(temporary)  // the old file is left whole
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }

    /// A file made of new bytes and runs of the earlier file at `source`
    /// (`ByteSplice`), replaced the same way. Compared without reading it:
    /// when the file there is `source` itself (the build cache keeps it as
    /// another name of the published file), the splice tells whether it
    /// changes.
    private func write(_ splice: ByteSplice, from source: String, at path: String, compare: Bool) {
        let target = root + "/" + path
        if compare, Self.sameFile(source, target), let file = MappedFile(source), splice.isUnchanged(file.bytes) { return }
        let temporary = target + ".diligence-tmp"
        do throws(PublishError) {
            try fileSystem.makeDirectory((target as NSString).deletingLastPathComponent)
            try fileSystem.write(splice, from: source, to: temporary)
            try fileSystem.rename(temporary, to: target)
            lock.withLock {
                written.append(path)
                bytes += splice.count
            }
        } catch {
            fileSystem.remove(temporary)  // the old file is left whole
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }

    /// Whether two paths name one file (a hard link).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        return stat(a, &first) == 0 && stat(b, &second) == 0 && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    /// Writes over the file at `file.path` in place: no temporary file and
    /// no rename, so a reader may see half of it while it is written.
    ///
    /// For the search index, whose files a new page changes most of (every
    /// later page number moves): on ext4, a rename over an existing file
    /// first forces the new file to disk (`auto_da_alloc`) and frees the old
    /// inode, which made replacing 650 chunks cost more than computing them.
    /// The files of one index are not replaced together anyway, so a search
    /// run during an incremental build may need to be run again.
    package func overwrite(_ file: OutputFile, compare: Bool = false) {
        guard case .bytes(let contents) = file.contents else {
            lock.withLock { if error == nil { error = .io(path: file.path, message: "copies are not written in place") } }
            return
        }
        let target = root + "/" + file.path
        if compare, FileBytes.holds(contents, at: target) { return }
        // Not truncated to nothing first: that, too, makes ext4 flush on close.
        // Never through a symbolic link: one is replaced, as `write` does.
        do throws(PublishError) {
            guard try fileSystem.overwrite(contents, at: target) else { return write(file, compare: false) }
            lock.withLock {
                written.append(file.path)
                bytes += contents.count
            }
        } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
    }

    /// Removes a file the new build no longer produces.
    package func remove(_ path: String) {
        if unlink(root + "/" + path) == 0 { lock.withLock { written.append(path) } }
    }
}
