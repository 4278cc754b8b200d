import DiligenceDiagnostics
import DiligenceSupport

/// A link or image in a Markdown body, where it was written and its destination.
public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    public var location: SourceLocation
}
