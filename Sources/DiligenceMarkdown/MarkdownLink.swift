import DiligenceDiagnostics
import DiligenceSupport

/// A link or image in a Markdown body, where it was written and its destination.
package struct MarkdownLink: Sendable, Hashable {
    package var destination: String
    package var isImage: Bool
    package var location: SourceLocation
}
