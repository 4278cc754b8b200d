import DiligenceSupport
import Foundation

/// Writes the files an incremental build re-rendered straight into the
/// existing output folder. Each page is written to a temporary name and
/// renamed over the old one, so a reader (a web server, `serve`) sees the old
/// file or the new one, never half of one; a file whose bytes did not change
/// is left alone, so its modification time still says when it last changed.
/// The search index's files (`overwrite`) and files of 256 kB or more
/// (`overwriteTail`) are the exceptions: written over in place.
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
    ///
    /// A splice (`ByteSplice`) is compared without reading the file: when the
    /// file there is the splice's source itself (the build cache keeps it as
    /// another name of the published file), the splice tells whether it
    /// changes.
    package func write(_ file: OutputFile, compare: Bool = true) {
        let target = root + "/" + file.path
        switch file.contents {
        case .bytes(let contents) where compare && contents.count >= Self.overwrittenSize:
            // A big listing page (2 MB at 10,000 pages): written over from
            // its first changed byte, as a data file is (`overwriteTail`).
            guard let (common, size) = FileBytes.commonPrefix(contents, at: target) else { fallthrough }
            if common == contents.count && size == common { return }
            if overwriteTail(contents[common...], from: common, at: file.path) { return }
            replace(file.path, count: contents.count) { (temporary) throws(PublishError) in try fileSystem.write(contents, to: temporary) }
        case .bytes(let contents):
            if compare, FileBytes.holds(contents, at: target) { return }
            replace(file.path, count: contents.count) { (temporary) throws(PublishError) in try fileSystem.write(contents, to: temporary) }
        case .spliced(let splice):
            if compare, splice.source.isFile(at: target) {
                let start = splice.unchangedPrefix  // walks the pieces once; `isUnchanged` would walk them again
                if start == splice.count && start == splice.source.bytes.count { return }
                if overwrite(splice, from: start, at: file.path) { return }
                // A run moved too far to be read in time: copied out first.
                if overwriteTail(splice.bytes(from: start)[...], from: start, at: file.path) { return }
            }
            replace(file.path, count: splice.count) { (temporary) throws(PublishError) in try fileSystem.write(splice, to: temporary) }
        case .copy:
            lock.withLock { if error == nil { error = .io(path: file.path, message: "copies are not written in place") } }
        }
    }

    /// Files this big are written over in place from their first changed
    /// byte, not replaced: the data files (14 MB, 11 MB and 5 MB at 10,000
    /// pages, `ByteSplice.unchangedPrefix`) and the biggest listing pages.
    static let overwrittenSize = 256 * 1024

    /// Writes `tail` over the file at `path` from byte `start` on and cuts
    /// it there: no new file, no rename, and the unchanged part not written
    /// at all. Writing a 14 MB file afresh and renaming it over the old one
    /// took 9–10 ms on the benchmark machine; writing half of it over the
    /// old bytes, 1–2 ms (ext4: no new blocks to allocate, no old inode to
    /// free, no flush forced by the rename). A title edit in the middle of
    /// the products leaves the first half of each data file as it is on
    /// disk, a country's edit (countries come last) nearly all of it.
    /// A reader may see half of the file while it is written, as with the
    /// search index (`overwrite`); an interrupted build leaves no cache, so
    /// the next build writes everything again. Returns false when it wrote
    /// nothing (no regular file there, or a shorter one).
    private func overwriteTail(_ tail: ArraySlice<UInt8>, from start: Int, at path: String) -> Bool {
        do throws(PublishError) {
            guard try fileSystem.overwrite(tail, at: root + "/" + path, from: start) else { return false }
            lock.withLock {
                written.append(path)
                bytes += tail.count
            }
        } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
        return true
    }

    /// Writes a splice over its own source from `start` on, straight from
    /// the mapping (`FileSystem.overwrite(_:from:at:)`); false when it wrote nothing.
    private func overwrite(_ splice: ByteSplice, from start: Int, at path: String) -> Bool {
        do throws(PublishError) {
            guard try fileSystem.overwrite(splice, from: start, at: root + "/" + path) else { return false }
            lock.withLock {
                written.append(path)
                bytes += splice.count - start
            }
        } catch {
            lock.withLock { if self.error == nil { self.error = error } }
        }
        return true
    }

    /// Writes the file at `path` under a temporary name with `write`, then
    /// renames it over the old one; on an error the old file is left whole.
    private func replace(_ path: String, count: Int, _ write: (String) throws(PublishError) -> Void) {
        let target = root + "/" + path
        let temporary = target + ".diligence-tmp"
        do throws(PublishError) {
            try fileSystem.makeDirectory((target as NSString).deletingLastPathComponent)
            try write(temporary)
            try fileSystem.rename(temporary, to: target)
            lock.withLock {
                written.append(path)
                bytes += count
            }
        } catch {
            fileSystem.remove(temporary)
            lock.withLock { if self.error == nil { self.error = error } }
        }
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
