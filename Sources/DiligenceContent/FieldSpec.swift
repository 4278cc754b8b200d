import DiligenceDiagnostics
import DiligenceSupport

/// One front-matter field: its name, type, whether it is required, and what it
/// is for (shown in the field reference and JSON Schema descriptions).
package struct FieldSpec: Sendable {
    package var name: String
    package var type: FieldType
    package var required: Bool
    package var doc: String

    package init(_ name: String, _ type: FieldType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }
}
