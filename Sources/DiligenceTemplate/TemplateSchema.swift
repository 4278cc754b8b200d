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
    private var made: [(String, TemplateShape)]?
    private let lock = NSLock()

    package init(_ name: String, _ fields: @escaping () -> [(String, TemplateShape)]) {
        self.name = name
        self.make = fields
    }

    /// The fields in the order the view declares them.
    package var fields: [(name: String, shape: TemplateShape)] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let fields = make()
        made = fields
        return fields
    }

    package func field(_ name: String) -> TemplateShape? {
        fields.first { $0.name == name }?.shape
    }
}

/// A view type templates render: its fields, for checking the names
/// templates use. Each view declares them beside its `value(named:)`,
/// one entry per case; a test compares the two.
package protocol TemplateSchemaProviding {
    static var templateSchema: TemplateSchema { get }
}
