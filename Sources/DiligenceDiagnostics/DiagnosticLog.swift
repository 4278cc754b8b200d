import DiligenceSupport
import Foundation

/// Collects diagnostics from every stage. Thread-safe, so per-file work running
/// in parallel can report into one log.
public final class DiagnosticLog: @unchecked Sendable {
    private var items: [Diagnostic] = []
    private let lock = NSLock()

    public init() {}

    public func add(_ diagnostic: Diagnostic) {
        lock.lock()
        items.append(diagnostic)
        lock.unlock()
    }

    public func add(contentsOf diagnostics: [Diagnostic]) {
        lock.lock()
        items.append(contentsOf: diagnostics)
        lock.unlock()
    }

    public func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.error(at: location, message, hint: hint))
    }

    public func warning(at location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.warning(at: location, message, hint: hint))
    }

    /// All diagnostics so far, sorted and without exact duplicates.
    public var diagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sorted()
    }

    public var hasErrors: Bool {
        lock.lock()
        defer { lock.unlock() }
        return items.contains { $0.severity == .error }
    }
}
