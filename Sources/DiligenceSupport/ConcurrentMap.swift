import Foundation

extension RandomAccessCollection where Index == Int, Self: Sendable {
    /// `map` on every core (`DispatchQueue.concurrentPerform`), each result
    /// written into its own slot: for per-page work of the whole site, where
    /// the order of the results must be the order of the pages. Inlinable,
    /// so each module's calls are specialised for their types: unspecialised,
    /// every call looked its generic metadata up at run time.
    @inlinable
    package func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (slots.buffer.baseAddress! + i).initialize(to: transform(self[startIndex + i]))
            }
            initialized = count
        }
    }

    /// `concurrentMap`, with one core left to another thread's work until
    /// `gate` returns (it waits for that work): the last of the workers
    /// waits before it takes a job, the others take jobs meanwhile.
    ///
    /// For an incremental build's rendering while the search patch is still
    /// being worked out on its own thread: the patch is the longer chain of
    /// work after a new page (names, 470 chunks read and written again, then
    /// written out), and rendering on every core left it a share of a core,
    /// so it ended after the pages and the build waited for it on one core.
    /// Jobs are taken in order, one at a time: for tens of jobs (the pages
    /// and listings an edit renders again), not for a whole site.
    @inlinable
    package func concurrentMap<T>(holdingOneCoreUntil gate: @Sendable () -> Void, _ transform: @Sendable (Element) -> T) -> [T] {
        let count = self.count
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard workers > 1 else { return concurrentMap(transform) }
        let jobs = JobCounter(count: count)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                if worker == workers - 1 { gate() }
                while let i = jobs.take() {
                    (slots.buffer.baseAddress! + i).initialize(to: transform(self[startIndex + i]))
                }
            }
            initialized = count
        }
    }
}
