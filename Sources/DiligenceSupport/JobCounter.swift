import Foundation

/// Hands out job numbers 0, 1, 2… to the workers of a map that pulls its
/// jobs (`concurrentMap(holdingOneCoreUntil:_:)`), each number once.
@usableFromInline package final class JobCounter: @unchecked Sendable {
    @usableFromInline let lock = NSLock()
    @usableFromInline var next = 0
    @usableFromInline let count: Int

    @usableFromInline package init(count: Int) { self.count = count }

    /// The next job, nil once every job was taken.
    @inlinable package func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
