import DiligenceDiagnostics
import DiligenceSupport
import Yams

/// Maps positions in a front-matter YAML text back to the content file.
package struct YAMLPosition: Sendable {
    package var file: String
    /// The file line of the YAML text's first line.
    package var firstLine: Int

    package init(file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    package func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(file: file, line: max(firstLine - 1, 1), column: 1) }
        return SourceLocation(file: file, line: mark.line + firstLine - 1, column: mark.column)
    }

    package func location(of node: Node) -> SourceLocation { location(node.mark) }

    /// A 1-based line and column of the YAML text.
    package func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + firstLine - 1, column: column)
    }
}
