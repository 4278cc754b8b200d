import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Where a concern is recorded: the country profile and the concern's place
/// in its `concerns` list.
package struct ConcernRef: Sendable, Hashable {
    package var country: PageID
    package var index: Int
}
