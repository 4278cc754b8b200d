import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// The dependencies one output's rendering read (`SiteReads`), each once, in
/// the order first read. One log per output; locked because a listing's
/// items may be made from the template renderer's threads.
package final class ReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<Dependency> = []
    private var list: [Dependency] = []

    package func add(_ dependency: Dependency) {
        lock.withLock { if seen.insert(dependency).inserted { list.append(dependency) } }
    }

    package var dependencies: [Dependency] { lock.withLock { list } }
}
