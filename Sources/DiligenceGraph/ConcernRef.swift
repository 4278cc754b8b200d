import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Where a concern is recorded: the country profile and the concern's place
/// in its `concerns` list.
public struct ConcernRef: Sendable, Hashable {
    public var country: PageID
    public var index: Int
}
