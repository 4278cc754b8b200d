import DiligenceDiagnostics
import DiligenceSupport

/// A content file as read from disk, before parsing.
public struct SourceFile: Sendable {
    /// Path relative to the content folder, with `/` separators (`countries/cn.md`).
    public var relativePath: String
    /// Path shown in diagnostics: relative to where the user ran the command
    /// when the content folder was given relatively (`content/countries/cn.md`).
    public var displayPath: String
    public var bytes: [UInt8]

    public init(relativePath: String, displayPath: String, bytes: [UInt8]) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.bytes = bytes
    }
}
