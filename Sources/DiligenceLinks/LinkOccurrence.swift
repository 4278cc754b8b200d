import DiligenceDiagnostics

/// One place an external URL is written: each place gets its own diagnostic,
/// so an editor (or a pull-request annotation) lands on the line to change.
package struct LinkOccurrence: Sendable, Hashable {
    package var url: String
    package var location: SourceLocation

    package init(url: String, location: SourceLocation) {
        self.url = url
        self.location = location
    }
}
