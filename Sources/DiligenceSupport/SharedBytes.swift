import Foundation

/// Bytes another value holds — an array, or a file mapped read-only
/// (`CacheBytes`) — or a run of them, read through a buffer pointer, with
/// offsets counted from the run's start.
///
/// What the search patch reads its kept chunk files as: read into arrays,
/// the 868 chunks (35 MB) of a 10,000-page index cost a fresh page of memory
/// for every 4 KB and a copy, two thirds of the time taken to get them
/// (about 20 ms of CPU in every edit's build); mapped, they are the page
/// cache's own pages. The entries the patch makes afresh stay the arrays
/// they were made as.
package struct SharedBytes: Sendable {
    private enum Storage: Sendable {
        case array(ArraySlice<UInt8>)
        case mapped(CacheBytes)
    }

    private let storage: Storage

    package init(_ bytes: ArraySlice<UInt8>) { storage = .array(bytes) }
    package init(_ bytes: [UInt8]) { storage = .array(bytes[...]) }
    package init(_ bytes: CacheBytes) { storage = .mapped(bytes) }

    package var count: Int {
        switch storage {
        case .array(let bytes): bytes.count
        case .mapped(let bytes): bytes.count
        }
    }

    package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch storage {
        case .array(let bytes): bytes.withUnsafeBufferPointer(body)
        case .mapped(let bytes): bytes.withUnsafeBytes { body($0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// A run of these bytes, `range` counted from their start.
    package subscript(range: Range<Int>) -> SharedBytes {
        switch storage {
        case .array(let bytes): SharedBytes(bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)])
        case .mapped(let bytes): SharedBytes(bytes[range])
        }
    }

    /// The bytes, in an array of their own.
    package var array: [UInt8] { withUnsafeBufferPointer { Array($0) } }

    /// Whether two runs hold the same bytes, compared with `memcmp`.
    package static func same(_ a: SharedBytes, _ b: SharedBytes) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0
        } }
    }
}
