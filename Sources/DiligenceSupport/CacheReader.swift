/// Reads what `CacheWriter` wrote. Throws on anything out of range, so a
/// truncated or foreign cache file means a full build, never a crash.
public struct CacheReader {
    public struct Corrupt: Error {
        public init() {}
    }

    @usableFromInline package let bytes: CacheBytes
    public var offset: Int

    /// The table the writer named parts by (`CacheWriter.symbols`).
    package var symbols: CacheSymbols?
    /// What keeps `symbols` alive, for values that read them later (the
    /// build cache's page reads, decoded when asked for).
    package var owner: (AnyObject & Sendable)?

    package init(_ bytes: CacheBytes, offset: Int = 0, symbols: CacheSymbols? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.symbols = symbols
    }

    /// Reads a copy of `bytes`.
    package init(_ bytes: [UInt8], offset: Int = 0, symbols: CacheSymbols? = nil) {
        self.init(CacheBytes(copying: bytes), offset: offset, symbols: symbols)
    }

    package var isAtEnd: Bool { offset >= bytes.count }

    /// Bytes left to read: no count read can be more.
    @usableFromInline
    package var remaining: Int { bytes.count - offset }

    @inlinable
    public mutating func byte() throws -> UInt8 {
        guard offset < bytes.buffer.count else { throw Corrupt() }
        defer { offset += 1 }
        return bytes.buffer[offset]
    }

    /// A number of one byte (most counts, lengths and small numbers) is
    /// read where it is asked for: the records of a 10,000-page cache hold
    /// about half a million numbers, and a call into this module for each
    /// was 5–6 ms of an incremental build's CPU time, on the path every
    /// build waits for.
    @inlinable @inline(__always)
    public mutating func int() throws -> Int {
        let buffer = bytes.buffer
        if offset < buffer.count {
            let b = buffer[offset]
            if b < 0x80 {
                offset += 1
                return Int(b >> 1) ^ -Int(b & 1)
            }
        }
        return try longInt()
    }

    @usableFromInline
    mutating func longInt() throws -> Int {
        var n: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Corrupt() }
            n |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        let value = Int64(bitPattern: n)
        return Int((value >> 1) ^ -(value & 1))
    }

    package mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Corrupt() }
        let value = UInt64(littleEndian: bytes.buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
        return value
    }

    @inlinable
    public mutating func bool() throws -> Bool { try byte() != 0 }

    /// Strings of this many UTF-8 bytes or more are written once per
    /// writer, then by number (`CacheWriter.string`).
    package static let internedLength = 12

    /// The long strings read so far, by number.
    private var interned: [String] = []

    public mutating func string() throws -> String {
        let count = try int()
        if count < 0 {
            guard -1 - count < interned.count else { throw Corrupt() }
            return interned[-1 - count]
        }
        guard offset + count <= bytes.count else { throw Corrupt() }
        defer { offset += count }
        let string = String(decoding: UnsafeRawBufferPointer(rebasing: bytes.buffer[offset..<(offset + count)]), as: UTF8.self)
        if count >= Self.internedLength { interned.append(string) }
        return string
    }

    /// A length-prefixed run of raw bytes (`CacheWriter.bytes`), not copied.
    package mutating func rawBytes() throws -> CacheBytes {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Corrupt() }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    @inlinable
    public mutating func read<T: CacheCodable>(_: T.Type = T.self) throws -> T { try T(from: &self) }

    @inlinable
    public mutating func readOptional<T: CacheCodable>(_: T.Type = T.self) throws -> T? {
        try bool() ? T(from: &self) : nil
    }

    @inlinable
    public mutating func readArray<T: CacheCodable>(_: T.Type = T.self) throws -> [T] {
        let count = try int()
        guard count >= 0, count <= remaining else { throw Corrupt() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }
}
