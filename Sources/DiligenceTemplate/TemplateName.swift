import DiligenceSupport

/// A tag's name, split once when the template is compiled: `site.title` →
/// ["site", "title"], with the transforms around it (`empty(sources)`).
///
/// A class, not a struct: the renderer binds a node's name for every tag it
/// renders, and a struct of three arrays and a string costs a retain and a
/// release of each on every binding.
package final class TemplateName: Sendable, Equatable {
    package enum Root: Sendable, Equatable {
        /// `{{.}}`: the innermost value itself (and `{{.name}}`: only its field).
        case current
        /// `{{name}}`: the first value on the stack, innermost first, that has it.
        case stack
        /// `{{index()}}`: the position of the list item being rendered.
        case position
    }

    package let root: Root
    /// Field names after the root; the first is searched for as `root` says.
    package let path: [String]
    /// Applied innermost first: `a(b(x))` applies `b`, then `a`.
    package let transforms: [TemplateTransform]
    /// As written, for messages and for matching a section's closing tag.
    package let text: String
    /// Where its tag starts in the template's bytes (for messages).
    package let offset: Int

    package init(root: Root, path: [String], transforms: [TemplateTransform], text: String, offset: Int = 0) {
        self.root = root
        self.path = path
        self.transforms = transforms
        self.text = text
        self.offset = offset
    }

    /// Two names are the same name wherever they are written.
    package static func == (a: TemplateName, b: TemplateName) -> Bool {
        a.root == b.root && a.path == b.path && a.transforms == b.transforms && a.text == b.text
    }
}
