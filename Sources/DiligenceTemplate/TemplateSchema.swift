import DiligenceSupport
import Foundation

/// The fields of a view type, by name, with what each holds: how templates
/// are checked for names the views do not have (`TemplateNameChecker`),
/// and what docs/templates.md lists for each view.
///
/// Fields are given by a closure, read on first use, so a schema may name
/// itself (a tree of guidance steps: `children` is a list of the same view).
package final class TemplateSchema: @unchecked Sendable {
    package let name: String
    private let make: () -> [(String, TemplateShape)]
    /// The fields, and the same by name, once made: the checker looks up
    /// thousands of names a build, and a conversion of the closure's
    /// unlabelled tuples on each lookup cost 4 ms of every build's start.
    private var made: (fields: [(name: String, shape: TemplateShape)], byName: [String: TemplateShape])?
    private let lock = NSLock()

    package init(_ name: String, _ fields: @escaping () -> [(String, TemplateShape)]) {
        self.name = name
        self.make = fields
    }

    /// The fields in the order the view declares them.
    package var fields: [(name: String, shape: TemplateShape)] {
        table().fields
    }

    package func field(_ name: String) -> TemplateShape? {
        table().byName[name]
    }

    private func table() -> (fields: [(name: String, shape: TemplateShape)], byName: [String: TemplateShape]) {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let fields = make().map { (name: $0.0, shape: $0.1) }
        // A view declaring a name twice resolves to the first, as `first(where:)` did.
        let made = (fields, Dictionary(fields.map { ($0.name, $0.shape) }, uniquingKeysWith: { first, _ in first }))
        self.made = made
        return made
    }
}

/// A view type templates render: its fields, for checking the names
/// templates use. Each view declares them beside its `value(named:)`,
/// one entry per case; a test compares the two.
package protocol TemplateSchemaProviding {
    static var templateSchema: TemplateSchema { get }
}
