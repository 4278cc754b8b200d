/// The bytes a `CacheReader` reads, or a run of them handed on (a record
/// written back as it was read, a product's lists decoded later), with what
/// keeps them in memory: the cache file mapped read-only (`MappedFile`), or
/// a copy of an array.
///
/// The cache of a 10,000-page site is 16 MB, read at the start of every
/// incremental build before anything else can go on. Read into an array it
/// cost 7–13 ms (a fresh page of memory, zeroed, for every 4 KB, then the
/// copy); mapped, its pages are the page cache's own. A record kept as read
/// points into the mapping, which lives as long as any such value does: the
/// build renames or unlinks the file it writes over, never truncates it.
@usableFromInline package struct CacheBytes: @unchecked Sendable {
    /// Valid while this value (or another sharing its owner) lives: a
    /// temporary's buffer may be freed as soon as it is taken, so one is
    /// read through `withUnsafeBytes`.
    @usableFromInline package let buffer: UnsafeRawBufferPointer
    /// A `MappedFile` or a `Copy`: only held, to keep `buffer` valid.
    private let owner: AnyObject?

    private final class Copy {
        let memory: UnsafeMutableRawBufferPointer
        init<C: Collection<UInt8>>(_ bytes: C) {
            memory = .allocate(byteCount: max(bytes.count, 1), alignment: 8)
            // An array at once: called from another module, the generic copy
            // goes byte by byte (0.2–0.3 s of a first build's CPU time when
            // the 5 MB of search term filters were made through here).
            if bytes.withContiguousStorageIfAvailable({ [memory] in memory.copyMemory(from: UnsafeRawBufferPointer($0)) }) == nil {
                _ = memory.initializeMemory(as: UInt8.self, from: bytes)
            }
        }
        deinit { memory.deallocate() }
    }

    /// A copy of `bytes` (tests, and what is small or already in an array).
    package init<C: Collection<UInt8>>(copying bytes: C) {
        let copy = Copy(bytes)
        owner = copy
        buffer = UnsafeRawBufferPointer(rebasing: copy.memory[0..<bytes.count])
    }

    /// The whole of a mapped file.
    package init(_ file: MappedFile) {
        owner = file
        buffer = file.bytes
    }

    private init(owner: AnyObject?, buffer: UnsafeRawBufferPointer) {
        self.owner = owner
        self.buffer = buffer
    }

    package static let empty = CacheBytes(owner: nil, buffer: UnsafeRawBufferPointer(start: nil, count: 0))

    package var count: Int { buffer.count }

    /// The bytes, kept in memory until `body` returns.
    package func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        defer { withExtendedLifetime(owner) {} }
        return try body(buffer)
    }

    /// A run of these bytes, sharing their owner.
    package subscript(range: Range<Int>) -> CacheBytes {
        CacheBytes(owner: owner, buffer: UnsafeRawBufferPointer(rebasing: buffer[range]))
    }
}
