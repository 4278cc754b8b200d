import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceSupport

/// The binary cache form of a page's record in the build cache.
extension PageFingerprints: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.uint64(frontMatter); writer.uint64(card); writer.uint64(facts); writer.write(reads); writer.uint64(readsValue)
    }
    init(from reader: inout CacheReader) throws {
        self.init(frontMatter: try reader.uint64(), card: try reader.uint64(), facts: try reader.uint64(), reads: try reader.readArray(),
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
