import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Keeps a finished build's data (pages, cmark trees, graph, cache) alive
/// until the process exits, for commands that exit right after building.
///
/// Freeing 10,000 pages one object at a time takes the main thread about
/// half a second at the end of a full build (`free`, `cmark_node_free`,
/// `malloc_consolidate` in `perf`), and 0.1 s of an incremental one; the
/// operating system takes the whole heap back at once. Compilers do the
/// same (clang's `-disable-free`). Only for one-shot commands:
/// `BuildOptions.freesMemory` is true by default, so `serve` and the tests
/// free what they build.
enum ExitRelease {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) {
        lock.withLock { kept.append(values) }
    }
}
