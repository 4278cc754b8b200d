import DiligenceSupport

/// Why a template cannot be compiled, and where: a byte offset in the
/// template that `TemplateSource.location(of:)` turns into line and column.
package struct TemplateSyntaxError: Error, Sendable {
    package var offset: Int
    package var message: String
    package var hint: String
}
