import Foundation

/// The dependencies one output's rendering read (`SiteReads`), each once, in
/// the order first read. One log per output; locked because a listing's
/// items may be made from the template renderer's threads.
final class ReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Dependency> = []
    private var list: [Dependency] = []

    func add(_ dependency: Dependency) {
        lock.withLock { if seen.insert(dependency).inserted { list.append(dependency) } }
    }

    var dependencies: [Dependency] { lock.withLock { list } }
}
