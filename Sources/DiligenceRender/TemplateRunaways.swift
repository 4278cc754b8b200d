import DiligenceSupport
import Foundation

/// Partials that included themselves past the depth limit during a build,
/// gathered from the threads that render pages. A template whose recursion
/// no section stops is refused when the templates load; this catches the
/// data-driven rest (a section over something that never runs out).
package final class TemplateRunaways: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: [String]] = [:]

    package init() {}

    package func add(template: String, chain: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if found[template] == nil { found[template] = chain }
    }

    /// Each page template that ran away, with the chain of partials, sorted.
    package var all: [(template: String, chain: [String])] {
        lock.lock()
        defer { lock.unlock() }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }
}
