import FlyingFox
import Foundation

/// A local HTTP server with one path per kind of answer a link checker meets,
/// counting requests and the most it ever served at once. Listens on
/// 127.0.0.1 only: the tests never reach a real host.
///
/// - `/ok` 200; `/moved` 301 to `/ok`; `/folder` 301 to `/folder/` (a
///   relative address, as web servers add a folder's slash), which is 200;
///   `/relative-gone` 302 to `gone`; `/gone` 404; `/broken` 500;
///   `/forbidden` 403; `/nohead` 405 to HEAD and 200 to GET;
///   `/hang` answers after 30 s; `/slow/…` answers 200 after 0.3 s.
final class LinkTestServer: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [String] = []
    private var current = 0
    private(set) var maxConcurrent = 0
    private var server: HTTPServer!
    private(set) var port: UInt16 = 0

    var base: String { "http://127.0.0.1:\(port)" }

    /// "HEAD /ok", "GET /nohead", … in the order received.
    var log: [String] { lock.withLock { requests } }

    func start() async throws {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled,
                                handler: Handler(owner: self))
        self.server = server
        Task { try? await server.run() }
        try await server.waitUntilListening()
        if case .ip4(_, let bound)? = await server.listeningAddress { port = bound }
    }

    func stop() async { await server?.stop(timeout: 1) }

    func resetCounts() {
        lock.withLock {
            requests = []
            maxConcurrent = 0
        }
    }

    fileprivate func begin(_ line: String) {
        lock.withLock {
            requests.append(line)
            current += 1
            maxConcurrent = max(maxConcurrent, current)
        }
    }

    fileprivate func end() { lock.withLock { current -= 1 } }

    private struct Handler: HTTPHandler {
        let owner: LinkTestServer

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            owner.begin("\(request.method.rawValue) \(request.path)")
            defer { owner.end() }
            switch request.path {
            case "/ok":
                return HTTPResponse(statusCode: .ok)
            case "/moved":
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: owner.base + "/ok"])
            case "/folder":
                // FlyingFox's `path` drops a final slash; the raw target keeps it.
                guard request.target.path() == "/folder/" else {
                    return HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/folder/"])
                }
                return HTTPResponse(statusCode: .ok)
            case "/relative-gone":
                return HTTPResponse(statusCode: .found, headers: [.location: "gone"])
            case "/gone":
                return HTTPResponse(statusCode: .notFound)
            case "/broken":
                return HTTPResponse(statusCode: .internalServerError)
            case "/forbidden":
                return HTTPResponse(statusCode: .forbidden)
            case "/nohead":
                return HTTPResponse(statusCode: request.method == .HEAD ? .methodNotAllowed : .ok)
            case "/hang":
                try? await Task.sleep(nanoseconds: 30_000_000_000)
                return HTTPResponse(statusCode: .ok)
            default:
                if request.path.hasPrefix("/slow/") {
                    try? await Task.sleep(nanoseconds: 300_000_000)
                    return HTTPResponse(statusCode: .ok)
                }
                return HTTPResponse(statusCode: .notFound)
            }
        }
    }
}
