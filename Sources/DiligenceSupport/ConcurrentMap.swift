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
}
