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
