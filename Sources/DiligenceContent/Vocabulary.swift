import DiligenceDiagnostics
import DiligenceSupport

/// A controlled vocabulary from `site.yml`: ids in the order the editors wrote
/// them, each with a label for readers.
public struct Vocabulary: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var id: String
        public var label: String

        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    public var terms: [Term]
    private var labels: [String: String]

    public init(_ terms: [Term]) {
        self.terms = terms
        self.labels = Dictionary(terms.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    public var ids: [String] { terms.map(\.id) }

    public func contains(_ id: String) -> Bool { labels[id] != nil }

    public func label(_ id: String) -> String { labels[id] ?? id }

    public func index(of id: String) -> Int? { terms.firstIndex { $0.id == id } }
}
