import DiligenceDiagnostics
import DiligenceSupport

/// A cited source: every fact a reader acts on points at one.
package struct Source: Sendable, Hashable {
    package var title: String
    package var publisher: String?
    package var date: PartialDate?
    package var url: String?
    /// An offline reference a reader can look up without a link (an official
    /// document number such as "FR Doc 2021-24123"); a source with neither
    /// this nor a URL gets a warning, since readers cannot check it.
    package var reference: String?
    package var location: SourceLocation

    package init(title: String, publisher: String?, date: PartialDate?, url: String?, reference: String? = nil, location: SourceLocation) {
        self.title = title
        self.publisher = publisher
        self.date = date
        self.url = url
        self.reference = reference
        self.location = location
    }
}
