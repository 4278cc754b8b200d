/// Reads what `CacheWriter` wrote. Throws on anything out of range, so a
/// truncated or foreign cache file means a full build, never a crash.
public struct CacheReader {
    public struct Corrupt: Error {
        public init() {}
    }

    public let bytes: [UInt8]
    public var offset: Int

    /// The table the writer named parts by (`CacheWriter.symbols`).
    package var symbols: CacheSymbols?

    package init(_ bytes: [UInt8], offset: Int = 0, symbols: CacheSymbols? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.symbols = symbols
    }

    package var isAtEnd: Bool { offset >= bytes.count }

    public mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func int() throws -> Int {
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
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return value
    }

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
        let string = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<(offset + count)]), as: UTF8.self) }
        if count >= Self.internedLength { interned.append(string) }
        return string
    }

    /// A length-prefixed run of raw bytes (`CacheWriter.bytes`), not copied.
    package mutating func rawBytes() throws -> ArraySlice<UInt8> {
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
        guard count >= 0, count <= bytes.count - offset else { throw Corrupt() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try T(from: &self)) }
        return values
    }
}
