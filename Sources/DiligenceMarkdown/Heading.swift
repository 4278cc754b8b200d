import DiligenceDiagnostics
import DiligenceSupport

/// A heading of a page body, with the id it gets in the HTML.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var id: String
    /// Line in the content file.
    public var line: Int
}
