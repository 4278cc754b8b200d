import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// A cited source as a link: on the page that lists it, "Source N" pointing
/// at its entry; elsewhere its title, pointing at the document itself (or at
/// the entry when it has no URL), so a reader can follow it from any page.
package struct CitationView: Sendable {
    package var label: String
    package var url: String
    /// Whether `url` leaves the site (printed in full on paper).
    package var external: Bool

    /// - Parameters:
    ///   - page: the page whose `sources` the evidence numbers.
    ///   - path: the output path of the page showing the citation.
    /// - Parameters:
    ///   - strings: for "Source N".
    package init(_ evidence: Evidence, of page: Page, from path: String, strings: InterfaceStrings) {
        switch evidence {
        case .url(let url):
            label = page.sources.first { $0.url == url }?.title ?? url
            self.url = url
            external = true
        case .sourceIndex(let n):
            let own = page.id.outputPath == path
            let entry = (own ? "" : RelativeURL.from(path, to: page.id.outputPath)) + "#source-\(n)"
            let source = page.sources.indices.contains(n - 1) ? page.sources[n - 1] : nil
            if let source, !own {
                label = source.title
                url = source.url ?? entry
                external = source.url != nil
            } else {
                label = strings.source(n)
                url = entry
                external = false
            }
        }
    }
}

// Field lookup for templates: one case per stored property.
extension CitationView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "label": return label.templateValue
        case "url": return url.templateValue
        case "external": return external.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension CitationView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("CitationView") {
        [
            ("label", .value),
            ("url", .value),
            ("external", .value),
        ]
    }
}
