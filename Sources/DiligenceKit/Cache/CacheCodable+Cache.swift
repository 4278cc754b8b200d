import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceSupport

/// The binary cache form of a page's record in the build cache.
extension PageFingerprints: CacheCodable {
    /// The reads as two runs of bytes, skipped over when read
    /// (`PageFingerprints.Reads.kept`): each dependency's key, then the
    /// dependencies written by a writer of their own (no string of the
    /// record's before them stands for one of theirs), page ids by number.
    func write(to writer: inout CacheWriter) {
        writer.uint64(frontMatter); writer.uint64(card); writer.uint64(facts)
        switch stored {
        case .made(let reads):
            var keys: [UInt8] = []
            keys.reserveCapacity(reads.count * 8)
            for dependency in reads { withUnsafeBytes(of: dependency.stableKey.littleEndian) { keys += $0 } }
            writer.bytes(keys)
            var encoded = CacheWriter(symbols: writer.symbols)
            encoded.write(reads)
            writer.bytes(encoded.bytes)
        case .kept(let keys, let encoded, _, _):
            // Page numbers stay valid: a file whose records are kept names
            // pages by the last file's table, extended (`BuildCache.pageIDs`).
            keys.withUnsafeBytes { writer.bytes($0) }
            encoded.withUnsafeBytes { writer.bytes($0) }
        }
        writer.uint64(readsValue)
    }
    init(from reader: inout CacheReader) throws {
        let frontMatter = try reader.uint64(), card = try reader.uint64(), facts = try reader.uint64()
        let keys = try reader.rawBytes(), encoded = try reader.rawBytes()
        guard keys.count % 8 == 0 else { throw CacheReader.Corrupt() }
        self.init(frontMatter: frontMatter, card: card, facts: facts,
                  stored: .kept(keys: keys, encoded: encoded, symbols: reader.symbols, owner: reader.owner),
                  readsValue: try reader.uint64())
    }
}

extension CachedPage: CacheCodable {
    /// `page` must be whole (`ParsedPage.complete`): its lists are written from it.
    func write(to writer: inout CacheWriter) {
        writer.string(path); writer.write(stamp); writer.uint64(sourceHash); writer.write(page); writer.write(linkableIDs)
        writer.write(resolved); writer.write(diagnostics); writer.write(fingerprints)
    }
    init(from reader: inout CacheReader) throws {
        let path = try reader.string(), stamp: FileStamp = try reader.read(), sourceHash = try reader.uint64()
        let (page, lists) = try Page.light(from: &reader)
        self.init(path: path, stamp: stamp, sourceHash: sourceHash, page: page, lists: lists,
                  linkableIDs: try reader.readArray(), resolved: try reader.read(), diagnostics: try reader.readArray(),
                  fingerprints: try reader.read())
    }
}
