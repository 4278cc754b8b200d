import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// HTTP over a plain socket, so tests can send paths exactly as written
/// (`..`, `%2f`, `%00`) — URL types would normalise them first.
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    static func connect(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func send(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, bytes.count, 0) }
    }

    /// Sends one request line (with Host and Connection: close) and reads the whole response.
    static func request(_ line: String, port: UInt16) throws -> Response {
        let fd = try connect(port: port)
        defer { close(fd) }
        send(fd, line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n > 0 { data += buffer[0..<n]; continue }
            if n == 0 { break }
            if let response = parse(data), isComplete(response, data) { return response }
        }
        return parse(data) ?? Response(status: 0, headers: [:], body: "")
    }

    private static func isComplete(_ response: Response, _ data: [UInt8]) -> Bool {
        guard let length = response.headers["content-length"].flatMap(Int.init) else { return false }
        return response.body.utf8.count >= length
    }

    static func parse(_ data: [UInt8]) -> Response? {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    /// An open event stream, read as text as it arrives.
    final class EventReader {
        let fd: Int32
        private(set) var received = ""
        /// The text up to and including the last match.
        private(set) var consumed = ""

        init(port: UInt16) throws {
            fd = try RawHTTP.connect(port: port)
            RawHTTP.send(fd, "GET /__diligence/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        }

        /// Reads until `text` has arrived (counting from the last match) or the time is up.
        func waitFor(_ text: String, timeout: TimeInterval) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 65536)
            while Date() < deadline {
                if let range = received.range(of: text) {
                    consumed = String(received[..<range.upperBound])
                    received = String(received[range.upperBound...])
                    return true
                }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n > 0 { received += String(decoding: buffer[0..<n], as: UTF8.self) }
                if n == 0 { return false }
            }
            return false
        }

        func close() { Glibc.close(fd) }
    }
}
