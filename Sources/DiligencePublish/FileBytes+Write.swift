import DiligenceSupport
import Foundation

extension FileBytes {
    /// Writes all of `bytes` to an open file, retrying interrupted calls.
    package static func write(_ bytes: [UInt8], to fd: Int32, path: String) throws(PublishError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { SystemCalls.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .io(path: path, message: String(cString: strerror(errno))) }
            offset += n
        }
    }

    /// Writes all of `bytes` to an open file, retrying interrupted calls.
    package static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(PublishError) {
        var offset = 0
        while offset < bytes.count {
            let n = SystemCalls.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .io(path: path, message: String(cString: strerror(errno))) }
            offset += n
        }
    }
}
