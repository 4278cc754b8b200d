import DiligenceDiagnostics
import DiligenceSupport

/// A controlled vocabulary from `site.yml`: ids in the order the editors wrote
/// them, each with a label for readers.
package struct Vocabulary: Sendable, Hashable {
    package struct Term: Sendable, Hashable {
        package var id: String
        package var label: String

        package init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    package var terms: [Term]
    private var labels: [String: String]

    package init(_ terms: [Term]) {
        self.terms = terms
        self.labels = Dictionary(terms.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    package var ids: [String] { terms.map(\.id) }

    package func contains(_ id: String) -> Bool { labels[id] != nil }

    package func label(_ id: String) -> String { labels[id] ?? id }

    package func index(of id: String) -> Int? { terms.firstIndex { $0.id == id } }
}
