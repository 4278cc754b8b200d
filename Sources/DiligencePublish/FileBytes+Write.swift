import DiligenceSupport
import Foundation

extension FileBytes {
    /// Writes all of `bytes` to an open file, retrying interrupted calls.
    package static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws(PublishError) {
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: fd) }) { throw .io(path: path, message: String(cString: strerror(code))) }
    }

    /// Writes all of `bytes` to an open file (a run of a mapped file).
    package static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(PublishError) {
        if let code = writeAll(bytes, to: fd) { throw .io(path: path, message: String(cString: strerror(code))) }
    }

    /// Writes all of `bytes` to an open file at byte `offset` (`pwrite`:
    /// the file's position is neither used nor moved), retrying interrupted calls.
    package static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, at offset: Int, path: String) throws(PublishError) {
        var written = 0
        while written < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + written, bytes.count - written, off_t(offset + written))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
            written += n
        }
    }

    /// The `errno` of a failed write, nil when every byte was written.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = SystemCalls.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return errno }
            offset += n
        }
        return nil
    }
}
