/// One file of the generated site: its path relative to the output folder and
/// its contents, generated or copied from a source file.
package struct OutputFile: Sendable, Hashable {
    package enum Contents: Sendable, Hashable {
        case bytes([UInt8])
        /// Copied from this path as it is (assets).
        case copy(from: String)
        /// New bytes and runs of an earlier build's file (`ByteSplice`).
        case spliced(ByteSplice)
    }

    package var path: String
    package var contents: Contents

    package init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    package init(path: String, text: String) {
        self.init(path: path, contents: .bytes(Array(text.utf8)))
    }
}
