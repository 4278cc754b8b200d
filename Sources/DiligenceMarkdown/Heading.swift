import DiligenceDiagnostics
import DiligenceSupport

/// A heading of a page body, with the id it gets in the HTML.
package struct Heading: Sendable, Hashable {
    package var level: Int
    package var text: String
    package var id: String
    /// Line in the content file.
    package var line: Int
}
