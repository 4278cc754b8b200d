import DiligenceSupport

/// A tag's name, split once when the template is compiled: `site.title` →
/// ["site", "title"], with the transforms around it (`empty(sources)`).
package struct TemplateName: Sendable, Equatable {
    package enum Root: Sendable, Equatable {
        /// `{{.}}`: the innermost value itself (and `{{.name}}`: only its field).
        case current
        /// `{{name}}`: the first value on the stack, innermost first, that has it.
        case stack
        /// `{{index()}}`: the position of the list item being rendered.
        case position
    }

    package var root: Root
    /// Field names after the root; the first is searched for as `root` says.
    package var path: [String]
    /// Applied innermost first: `a(b(x))` applies `b`, then `a`.
    package var transforms: [TemplateTransform]
    /// As written, for messages and for matching a section's closing tag.
    package var text: String
    /// Where its tag starts in the template's bytes (for messages).
    package var offset: Int = 0

    /// Two names are the same name wherever they are written.
    package static func == (a: TemplateName, b: TemplateName) -> Bool {
        a.root == b.root && a.path == b.path && a.transforms == b.transforms && a.text == b.text
    }
}
