/// The binary cache form (`CacheWriter`) of the basic values the build cache keeps.
extension String: CacheCodable {
    public func write(to writer: inout CacheWriter) { writer.string(self) }
    public init(from reader: inout CacheReader) throws { self = try reader.string() }
}

extension FileStamp: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.int(Int(size)); writer.int(Int(modified)); writer.int(Int(modifiedNanoseconds)); writer.uint64(inode)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(size: Int64(try reader.int()), modified: Int64(try reader.int()),
                  modifiedNanoseconds: Int64(try reader.int()), inode: try reader.uint64())
    }
}
