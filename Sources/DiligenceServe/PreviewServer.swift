import DiligenceContent
import DiligenceKit
import DiligencePublish
import DiligenceSupport
import FlyingFox
import FlyingSocks
import Foundation

/// `diligence serve`: builds the site into a preview folder, serves it on
/// loopback, watches `content/` and `templates/`, rebuilds incrementally on
/// change and tells open pages to reload (server-sent events). A failed
/// rebuild writes nothing, so the last good site keeps being served, and
/// shows its problems over the page and in the terminal.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let host: String
    public let port: UInt16
    /// Where diagnostics and rebuild lines go (the terminal).
    let report: @Sendable (BuildReport) -> Void
    let events = EventStream()
    private let lock = NSLock()
    private var server: HTTPServer?
    private var watcher: Thread?
    private var stopped = false
    private var fingerprint = 0
    /// Number of builds that succeeded, for tests.
    public private(set) var goodBuilds = 0
    /// The report of the latest build.
    public var lastReport: BuildReport? { lock.withLock { latest } }
    private var latest: BuildReport?

    public init(options: BuildOptions, host: String = "127.0.0.1", port: UInt16 = 1313,
                report: @escaping @Sendable (BuildReport) -> Void = { _ in }) {
        // The same engine as `build --incremental`: a rebuild after an edit
        // renders only what the edit reaches, and writes it in place.
        var options = options
        options.incremental = true
        self.options = options
        self.host = host
        self.port = port
        self.report = report
        self.headLog = options.readsHistory
            ? GitHistoryReader(root: options.content, fallbackDate: options.today).headLog() : nil
    }

    /// Git's log of HEAD for the content, when it is in a work tree: a
    /// commit changes every page's edition and history.
    private let headLog: String?

    /// Builds once, starts the HTTP server and the watcher; returns the port
    /// the server listens on (useful with port 0).
    @discardableResult
    public func start() async throws -> UInt16 {
        lock.withLock { fingerprint = currentFingerprint() }
        rebuild()
        let address = try sockaddr_in.inet(ip4: host, port: port)
        let server = HTTPServer(address: address, timeout: 60, logger: .disabled, handler: SiteHandler(preview: self))
        lock.withLock { self.server = server }
        Task { try? await server.run() }
        try await server.waitUntilListening()
        let thread = Thread { [weak self] in self?.watch() }
        thread.name = "diligence-watch"
        lock.withLock { watcher = thread }
        thread.start()
        guard case .ip4(_, let bound)? = await server.listeningAddress else { return port }
        return bound
    }

    public func stop() async {
        lock.withLock { stopped = true }
        events.close()
        let server = lock.withLock { self.server }
        await server?.stop(timeout: 1)
    }

    /// Builds now: on success pages reload; on failure they show the problems.
    @discardableResult
    public func rebuild() -> BuildReport {
        let result = SiteBuilder(options: options).build()
        lock.withLock { latest = result }
        report(result)
        if result.publishedBytes != nil {
            lock.withLock { goodBuilds += 1 }
            events.send("reload")
        } else {
            events.send("problems", data: PreviewServer.problemsJSON(result, content: options.content))
        }
        return result
    }

    /// Polls the watched folders and rebuilds when a file is added, removed
    /// or changed. A poll stats every file (a few milliseconds for the sample
    /// site, about a tenth of a second at 10,000 pages), so the pause between
    /// polls grows with the poll's own time: watching never takes more than
    /// about a tenth of a core, and small sites still see an edit at once.
    private func watch() {
        var pause = PreviewServer.shortestPause
        while !lock.withLock({ stopped }) {
            Thread.sleep(forTimeInterval: pause)
            let started = Date()
            let now = currentFingerprint()
            pause = min(max(PreviewServer.shortestPause, Date().timeIntervalSince(started) * 10), 2)
            let changed = lock.withLock { () -> Bool in
                guard now != fingerprint else { return false }
                fingerprint = now
                return true
            }
            if changed { rebuild() }
        }
    }

    static let shortestPause = 0.15

    /// One number for the path, size and modification time of every file
    /// under the watched folders (it changes when any of them does).
    private func currentFingerprint() -> Int {
        var hasher = Hasher()
        for folder in [options.content, options.templatesFolder] {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let path = enumerator.nextObject() as? String {
                var info = stat()
                guard lstat(folder + "/" + path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { continue }
                hasher.combine(path)
                hasher.combine(info.st_size)
                let modified = SystemCalls.modified(info)
                hasher.combine(modified.seconds)
                hasher.combine(modified.nanoseconds)
                hasher.combine(info.st_ino)
            }
            hasher.combine(folder)
        }
        if let headLog {
            var info = stat()
            if lstat(headLog, &info) == 0 {
                hasher.combine(info.st_size)
                hasher.combine(SystemCalls.modified(info).nanoseconds)
            }
        }
        return hasher.finalize()
    }

    static func problemsJSON(_ report: BuildReport, content: String) -> String {
        struct Problem: Encodable { var file: String; var line: Int; var column: Int; var severity: String; var message: String; var hint: String? }
        let problems = report.diagnostics.filter { $0.severity == .error }.map {
            Problem(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                    severity: $0.severity.rawValue, message: $0.message, hint: $0.hint)
        }
        let data = (try? JSONEncoder().encode(problems)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Serves the preview folder: GET and HEAD, content types, the site's 404
/// page with status 404, nothing outside the folder; the live-reload script
/// and event stream under `/__diligence/`.
struct SiteHandler: HTTPHandler {
    let preview: PreviewServer

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        let head = request.method == .HEAD
        switch request.path {
        case LiveReload.scriptPath:
            return respond(.ok, type: "text/javascript; charset=utf-8", body: Data(LiveReload.script.utf8), head: head)
        case LiveReload.eventsPath:
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                                body: preview.events.subscribe())
        default:
            break
        }
        let files = SiteFiles(root: SitePublisher.absolute(preview.options.output))
        if let path = files.file(for: request.path), let data = FileManager.default.contents(atPath: path) {
            let type = SiteFiles.contentType(for: path)
            return respond(.ok, type: type, body: type.hasPrefix("text/html") ? LiveReload.inject(into: data) : data, head: head)
        }
        let notFound = files.file(for: "/404.html").flatMap { FileManager.default.contents(atPath: $0) }
            .map(LiveReload.inject) ?? Data("Not found\n".utf8)
        return respond(.notFound, type: "text/html; charset=utf-8", body: notFound, head: head)
    }

    private func respond(_ status: HTTPStatusCode, type: String, body: Data, head: Bool) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: type, .contentLength: String(body.count), .cacheControl: "no-store"],
                     body: head ? Data() : body)
    }
}
