/// A file's bytes as pieces: new bytes, and runs of an earlier file
/// (`source`, mapped) to be copied as they are when the file is written
/// (`OutputFile.Contents.spliced`). An incremental build writes the big data
/// files so: a title edit changes one object of 10,000 in a 14 MB JSON file,
/// and the rest is copied from the file the last build wrote, never read
/// into memory nor put together in a new array. The mapping made to check
/// the kept runs (`KeptPieces`) is the one they are written from.
package struct ByteSplice: Sendable, Hashable {
    package enum Piece: Sendable, Hashable {
        case bytes([UInt8])
        /// These bytes of `source`.
        case kept(Range<Int>)
    }

    package let source: MappedFile
    package private(set) var pieces: [Piece] = []
    /// The length of the file.
    package private(set) var count = 0

    /// Whether the file is `source` as it is: every kept run in its own
    /// place, every new byte the same as the source's there, and as long.
    package var isUnchanged: Bool {
        count == source.bytes.count && unchangedPrefix == count
    }

    /// How many leading bytes of the file are the source's own, in place:
    /// kept runs at their own offsets and new bytes equal to the source's
    /// there, up to the first byte that differs. An incremental build
    /// writes the file from there on (`InPlaceWriter`): a title edit in
    /// the middle of the products leaves the first half of a 14 MB file
    /// as it is on disk, a country's edit (countries come last) nearly all.
    package var unchangedPrefix: Int {
        var offset = 0
        for piece in pieces {
            switch piece {
            case .kept(let range):
                guard range.lowerBound == offset else { return offset }
                offset = range.upperBound
            case .bytes(let bytes):
                let common = min(bytes.count, source.bytes.count - offset)
                var same = 0
                while same < common, source.bytes[offset + same] == bytes[same] { same += 1 }
                guard same == bytes.count else { return offset + same }
                offset += bytes.count
            }
        }
        return offset
    }

    /// The file's bytes from `start` to its end, copied out of the mapping
    /// (so the file can be written over while they are in hand).
    package func bytes(from start: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count - start)
        var offset = 0
        for piece in pieces {
            let length: Int
            switch piece {
            case .bytes(let bytes):
                length = bytes.count
                if offset + length > start { out += bytes[max(0, start - offset)...] }
            case .kept(let range):
                length = range.count
                if offset + length > start { out += bytes(of: (range.lowerBound + max(0, start - offset))..<range.upperBound) }
            }
            offset += length
        }
        return out
    }

    /// How far any kept run from `start` on moves towards the end of the
    /// file (its place in the file less its place in the source); 0 when
    /// none does. Written over its own source a block at a time, the file
    /// is safe to make from the mapping while this is at most a block
    /// (`InPlaceWriter`).
    package func maxShift(from start: Int) -> Int {
        var offset = 0, shift = 0
        for piece in pieces {
            switch piece {
            case .bytes(let bytes):
                offset += bytes.count
            case .kept(let range):
                if offset + range.count > start { shift = max(shift, offset - range.lowerBound) }
                offset += range.count
            }
        }
        return shift
    }

    /// Reads the file's bytes in order, from a given byte on.
    package struct Reader {
        private let splice: ByteSplice
        private var piece = 0
        /// How far into `piece` the next byte is.
        private var within = 0

        package init(_ splice: ByteSplice, from start: Int) {
            self.splice = splice
            var offset = 0
            while piece < splice.pieces.count {
                let length = Self.length(of: splice.pieces[piece])
                if offset + length > start { break }
                offset += length
                piece += 1
            }
            within = start - offset
        }

        private static func length(of piece: Piece) -> Int {
            switch piece {
            case .bytes(let bytes): bytes.count
            case .kept(let range): range.count
            }
        }

        /// Copies the next bytes into `buffer`, as many as fit; returns how
        /// many (0 at the end).
        package mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
            var filled = 0
            while filled < buffer.count, piece < splice.pieces.count {
                let count: Int
                switch splice.pieces[piece] {
                case .bytes(let bytes):
                    count = min(bytes.count - within, buffer.count - filled)
                    bytes.withUnsafeBytes { buffer.baseAddress!.advanced(by: filled).copyMemory(from: $0.baseAddress! + within, byteCount: count) }
                case .kept(let range):
                    count = min(range.count - within, buffer.count - filled)
                    buffer.baseAddress!.advanced(by: filled).copyMemory(from: splice.source.bytes.baseAddress! + range.lowerBound + within, byteCount: count)
                }
                filled += count
                within += count
                if within == Self.length(of: splice.pieces[piece]) {
                    piece += 1
                    within = 0
                }
            }
            return filled
        }
    }

    /// The bytes of a kept run, in the mapping.
    package func bytes(of range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: source.bytes[range])
    }

    /// The bytes in full.
    package func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): out += bytes
            case .kept(let range): out += bytes(of: range)
            }
        }
        return out
    }

    /// Puts a splice together in order: new bytes (`bytes`, appended to
    /// freely) and runs of `source`. A run that follows the previous one in
    /// the source, with only the same few bytes between them in both (the
    /// comma between two objects), extends it: unchanged objects next to each
    /// other become one copy.
    package struct Builder {
        private var splice: ByteSplice?
        /// New bytes not yet made a piece.
        package var bytes: [UInt8] = []

        /// - Parameter source: the earlier file; nil when nothing is kept.
        package init(source: MappedFile?, capacity: Int = 0) {
            splice = source.map { ByteSplice(source: $0) }
            bytes.reserveCapacity(capacity)
        }

        /// Appends `other`'s bytes and empties it: moved, not copied, when
        /// nothing is waiting (a file written in full is one array).
        package mutating func take(_ other: inout [UInt8]) {
            if bytes.isEmpty { swap(&bytes, &other) } else { bytes += other }
            other.removeAll(keepingCapacity: true)
        }

        /// Where the next byte goes in the file.
        package var offset: Int { (splice?.count ?? 0) + bytes.count }

        /// Appends `range` of the source, which must be within it.
        package mutating func keep(_ range: Range<Int>) {
            // Taken out, not copied: a copy would share the pieces with
            // `self.splice`, and each append would copy them all (10,000
            // kept objects a data file).
            guard var splice = self.splice.take() else { preconditionFailure("a run kept with no earlier file") }
            precondition(range.upperBound <= splice.source.bytes.count, "a kept run past the end of the earlier file")
            if case .kept(let last)? = splice.pieces.last, bytes.count <= 16, last.upperBound + bytes.count == range.lowerBound,
               Self.same(splice.source.bytes, from: last.upperBound, as: bytes) {
                splice.pieces[splice.pieces.count - 1] = .kept(last.lowerBound..<range.upperBound)
                splice.count += bytes.count + range.count
                bytes.removeAll(keepingCapacity: true)
            } else {
                Self.flush(&bytes, into: &splice)
                splice.pieces.append(.kept(range))
                splice.count += range.count
            }
            self.splice = splice
        }

        /// Whether `source` holds `bytes` at `offset` (a separator of a byte or two).
        private static func same(_ source: UnsafeRawBufferPointer, from offset: Int, as bytes: [UInt8]) -> Bool {
            guard offset + bytes.count <= source.count else { return false }
            for (i, byte) in bytes.enumerated() where source[offset + i] != byte { return false }
            return true
        }

        private static func flush(_ bytes: inout [UInt8], into splice: inout ByteSplice) {
            guard !bytes.isEmpty else { return }
            splice.pieces.append(.bytes(bytes))
            splice.count += bytes.count
            bytes = []  // not emptied in place: the piece shares its storage
        }

        /// The file: its bytes when nothing was kept, else the splice.
        package mutating func contents() -> OutputFile.Contents {
            // Pieces are only made when a run is kept.
            guard var splice, !splice.pieces.isEmpty else { return .bytes(bytes) }
            Self.flush(&bytes, into: &splice)
            return .spliced(splice)
        }
    }
}
