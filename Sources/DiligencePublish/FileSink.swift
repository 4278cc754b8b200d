import DiligenceSupport
import Foundation

/// Writes a file through a buffer of its own, so a large file made of many
/// small pieces (the build cache: 10,000 records and their lengths) is
/// written without first being gathered into one array as large as the file.
/// Used by one thread at a time: the build cache is begun on one thread and
/// finished on another once the first is done with it.
package final class FileSink: @unchecked Sendable {
    package let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 20

    /// Creates or truncates the file; with `appending`, opens the file
    /// that is there and writes after its end.
    package init(path: String, appending: Bool = false) throws(PublishError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CLOEXEC | (appending ? O_APPEND : O_CREAT | O_TRUNC), 0o644)
        guard fd >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        buffer.reserveCapacity(Self.capacity)
    }

    package func append<C: Collection<UInt8>>(_ bytes: C) throws(PublishError) {
        if buffer.count + bytes.count > Self.capacity { try flush() }
        buffer.append(contentsOf: bytes)
    }

    /// Writes what is buffered and closes the file.
    package func close() throws(PublishError) {
        defer { SystemCalls.close(fd); fd = -1 }
        try flush()
    }

    /// A sink dropped after an error closes its file (what was written stays).
    deinit { if fd >= 0 { SystemCalls.close(fd) } }

    private func flush() throws(PublishError) {
        try FileBytes.write(buffer, to: fd, path: path)
        buffer.removeAll(keepingCapacity: true)
    }
}
