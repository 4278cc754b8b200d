/// A file's bytes as pieces: new bytes, and runs of an earlier file
/// (`OutputFile.Contents.spliced`) to be copied as they are when the file is
/// written. An incremental build writes the big data files so: a title edit
/// changes one object of 10,000 in a 14 MB JSON file, and the rest is copied
/// from the file the last build wrote, never read into memory nor put
/// together in a new array.
package struct ByteSplice: Sendable, Hashable {
    package enum Piece: Sendable, Hashable {
        case bytes([UInt8])
        /// These bytes of the earlier file.
        case kept(Range<Int>)
    }

    package private(set) var pieces: [Piece] = []
    /// The length of the file.
    package private(set) var count = 0

    /// Whether every kept run is within `source`.
    package func fits(_ source: UnsafeRawBufferPointer) -> Bool {
        pieces.allSatisfy { if case .kept(let range) = $0 { range.upperBound <= source.count } else { true } }
    }

    /// Whether the file is `source` as it is: every kept run in its own
    /// place, every new byte the same as the source's there, and as long.
    package func isUnchanged(_ source: UnsafeRawBufferPointer) -> Bool {
        guard count == source.count else { return false }
        var offset = 0
        for piece in pieces {
            switch piece {
            case .kept(let range):
                guard range.lowerBound == offset else { return false }
                offset = range.upperBound
            case .bytes(let bytes):
                guard source[offset..<(offset + bytes.count)].elementsEqual(bytes) else { return false }
                offset += bytes.count
            }
        }
        return true
    }

    /// The bytes in full, the kept runs read from `source`.
    package func bytes(from source: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for piece in pieces {
            switch piece {
            case .bytes(let bytes): out += bytes
            case .kept(let range): out += source[range]
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
        private let source: UnsafeRawBufferPointer
        private var splice = ByteSplice()
        /// New bytes not yet made a piece.
        package var bytes: [UInt8] = []

        package init(source: UnsafeRawBufferPointer, capacity: Int = 0) {
            self.source = source
            bytes.reserveCapacity(capacity)
        }

        /// Appends `other`'s bytes and empties it: moved, not copied, when
        /// nothing is waiting (a file written in full is one array).
        package mutating func take(_ other: inout [UInt8]) {
            if bytes.isEmpty { swap(&bytes, &other) } else { bytes += other }
            other.removeAll(keepingCapacity: true)
        }

        /// Where the next byte goes in the file.
        package var offset: Int { splice.count + bytes.count }

        package mutating func keep(_ range: Range<Int>) {
            if case .kept(let last)? = splice.pieces.last, bytes.count <= 16, last.upperBound + bytes.count == range.lowerBound,
               source[last.upperBound..<range.lowerBound].elementsEqual(bytes) {
                splice.pieces[splice.pieces.count - 1] = .kept(last.lowerBound..<range.upperBound)
                splice.count += bytes.count + range.count
                bytes.removeAll(keepingCapacity: true)
                return
            }
            flush()
            splice.pieces.append(.kept(range))
            splice.count += range.count
        }

        private mutating func flush() {
            guard !bytes.isEmpty else { return }
            splice.pieces.append(.bytes(bytes))
            splice.count += bytes.count
            bytes = []  // not emptied in place: the piece shares its storage
        }

        /// The file: its bytes when nothing was kept, else the splice
        /// (`source` names the earlier file).
        package mutating func contents(source path: String) -> OutputFile.Contents {
            // Pieces are only made when a run is kept.
            if splice.pieces.isEmpty { return .bytes(bytes) }
            flush()
            return .spliced(from: path, splice)
        }
    }
}
