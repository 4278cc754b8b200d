import Foundation

/// Work started on another thread now and collected later: an incremental
/// build works out its search-index patch while the graph is assembled and
/// the pages are rendered, so the two share the cores.
package final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    /// Waits for the work to finish.
    package var value: Value {
        group.wait()
        return result!
    }
}
