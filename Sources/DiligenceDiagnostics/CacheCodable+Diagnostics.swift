import DiligenceSupport

/// The binary cache form of diagnostics: the build cache replays an unchanged page's.
extension SourceLocation: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.string(file); writer.int(line); writer.int(column)
    }
    public init(from reader: inout CacheReader) throws {
        self.init(file: try reader.string(), line: try reader.int(), column: try reader.int())
    }
}

extension Severity: CacheCodable {
    public func write(to writer: inout CacheWriter) { writer.string(rawValue) }
    public init(from reader: inout CacheReader) throws {
        guard let severity = Severity(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self = severity
    }
}

extension Diagnostic: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.write(severity); writer.write(location); writer.string(message); writer.write(hint)
    }
    public init(from reader: inout CacheReader) throws {
        let severity: Severity = try reader.read()
        self.init(severity, at: try reader.read(), try reader.string(), hint: try reader.readOptional())
    }
}
