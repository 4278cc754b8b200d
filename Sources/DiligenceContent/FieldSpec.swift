import DiligenceDiagnostics
import DiligenceSupport

/// One front-matter field: its name, type, whether it is required, and what it
/// is for (shown in the field reference and JSON Schema descriptions).
public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    public var doc: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ doc: String) {
        self.name = name
        self.type = type
        self.required = required
        self.doc = doc
    }
}
