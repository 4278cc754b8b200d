import DiligenceSupport
import Foundation

/// Collects diagnostics from every stage. Thread-safe, so per-file work running
/// in parallel can report into one log.
package final class DiagnosticLog: @unchecked Sendable {
    private var items: [Diagnostic] = []
    private let lock = NSLock()

    package init() {}

    package func add(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    package func add(contentsOf diagnostics: [Diagnostic]) {
        lock.lock()
        items.append(contentsOf: diagnostics)
        lock.unlock()
    }

    package func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.error(at: location, message, hint: hint))
    }

    package func warning(at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.warning(at: location, message, hint: hint))
    }

    /// All diagnostics so far, sorted and without exact duplicates.
    package var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted()
    }

    package var hasErrors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }
}
