import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceSupport

/// The binary cache form of a page's record in the build cache.
extension PageFingerprints: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.uint64(frontMatter); writer.uint64(facts); writer.write(reads); writer.uint64(readsValue)
    }
    init(from reader: inout CacheReader) throws {
        self.init(frontMatter: try reader.uint64(), facts: try reader.uint64(), reads: try reader.readArray(),
                  readsValue: try reader.uint64())
    }
}

extension CachedPage: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(path); writer.write(stamp); writer.uint64(sourceHash); writer.write(page); writer.write(linkableIDs)
        writer.write(resolved); writer.write(diagnostics); writer.write(fingerprints)
    }
    init(from reader: inout CacheReader) throws {
        self.init(path: try reader.string(), stamp: try reader.read(), sourceHash: try reader.uint64(), page: try reader.read(),
                  linkableIDs: try reader.readArray(), resolved: try reader.read(), diagnostics: try reader.readArray(),
                  fingerprints: try reader.read())
    }
}
