/// Appends values to the build cache's binary form: variable-length
/// integers, length-prefixed UTF-8 strings, and values of `CacheCodable`
/// types field by field. Ten times faster to read back than JSON through
/// `Codable`, which matters because an incremental build reads the whole
/// cache before it can do anything.
public struct CacheWriter {
    package var bytes: [UInt8] = []
    /// Strings written so far (those of `CacheReader.internedLength` bytes
    /// or more), by number: a string written again is written as its number.
    /// A page's record names its file in every located value; written once,
    /// the cache of 10,000 pages is a third smaller and reads back with a
    /// third fewer allocations.
    private var interned: [String: Int] = [:]

    public mutating func int(_ value: Int) {
        // Zig-zag, then 7 bits per byte.
        var n = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while n >= 0x80 {
            bytes.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    package mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// Raw bytes, prefixed with their count.
    package mutating func bytes<C: Collection>(_ value: C) where C.Element == UInt8 {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    public mutating func string(_ value: String) {
        var value = value
        let count = value.utf8.count
        if count >= CacheReader.internedLength {
            if let number = interned[value] {
                int(-1 - number)
                return
            }
            interned[value] = interned.count
        }
        value.withUTF8 { utf8 in
            int(count)
            bytes.append(contentsOf: utf8)
        }
    }

    @inlinable
    public mutating func write<T: CacheCodable>(_ value: T) { value.write(to: &self) }

    @inlinable
    public mutating func write<T: CacheCodable>(_ value: T?) {
        bool(value != nil)
        if let value { value.write(to: &self) }
    }

    @inlinable
    public mutating func write<T: CacheCodable>(_ values: [T]) {
        int(values.count)
        for value in values { value.write(to: &self) }
    }

    /// A table the values being written may name their parts by (the build
    /// cache's page ids, `PageIDTable`); the reader has the same one.
    package var symbols: AnyObject?

    package init(bytes: [UInt8] = [], symbols: AnyObject? = nil) {
        self.bytes = bytes
        self.symbols = symbols
    }
}

/// A type the build cache stores in binary form; `init(from:)` reads what
/// `write(to:)` wrote, in the same order.
public protocol CacheCodable {
    func write(to writer: inout CacheWriter)
    init(from reader: inout CacheReader) throws
}
