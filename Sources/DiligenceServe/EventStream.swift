import FlyingFox
import FlyingSocks
import Foundation

/// Server-sent events to every open page: `reload` after a good rebuild,
/// `problems` (JSON list of diagnostics) after a failed one, `ok` when a
/// page connects while the site is fine. A page that connects while the
/// build is broken is sent the problems at once.
final class EventStream: @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var current: (event: String, data: String) = ("ok", "{}")

    /// A new client's stream, starting with the current state.
    func subscribe() -> HTTPBodySequence {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        lock.withLock {
            clients[id] = continuation
            continuation.yield(EventStream.frame(current.event, current.data))
        }
        continuation.onTermination = { [weak self] _ in
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
        }
        return HTTPBodySequence(from: ByteChunks(stream: stream))
    }

    /// Sends an event to every client; `problems` and `ok` also become the
    /// state new clients get first.
    func send(_ event: String, data: String = "{}") {
        lock.withLock {
            if event != "reload" { current = (event, data) } else { current = ("ok", "{}") }
            for continuation in clients.values { continuation.yield(EventStream.frame(event, data)) }
        }
    }

    var clientCount: Int { lock.withLock { clients.count } }

    /// Ends every stream. `finish()` runs `onTermination` at once, which
    /// takes the lock: so finish outside it.
    func close() {
        let all = lock.withLock { () -> [AsyncStream<[UInt8]>.Continuation] in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for continuation in all { continuation.finish() }
    }

    static func frame(_ event: String, _ data: String) -> [UInt8] {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
        return Array("event: \(event)\n\(lines)\n\n".utf8)
    }
}

/// Adapts an `AsyncStream` of byte chunks to FlyingFox's buffered sequence,
/// so each event is written (chunked) as soon as it is sent.
struct ByteChunks: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { guard let chunk = await base.next() else { return nil }; pending = chunk }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk
            }
            let taken = Array(pending.prefix(Swift.max(count, 1)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}
