import DiligenceDiagnostics
import DiligenceSupport

/// A content file as read from disk, before parsing.
package struct SourceFile: Sendable {
    /// Path relative to the content folder, with `/` separators (`countries/cn.md`).
    package var relativePath: String
    /// Path shown in diagnostics: relative to where the user ran the command
    /// when the content folder was given relatively (`content/countries/cn.md`).
    package var displayPath: String
    package var bytes: [UInt8]

    package init(relativePath: String, displayPath: String, bytes: [UInt8]) {
        self.relativePath = relativePath
        self.displayPath = displayPath
        self.bytes = bytes
    }
}
