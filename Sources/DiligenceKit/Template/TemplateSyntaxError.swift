/// Why a template cannot be compiled, and where: a byte offset in the
/// template that `TemplateSource.location(of:)` turns into line and column.
struct TemplateSyntaxError: Error, Sendable {
    var offset: Int
    var message: String
    var hint: String
}
