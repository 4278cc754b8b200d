import DiligenceSupport

/// A value with named fields a template can read: `{{title}}` asks the
/// innermost object on the context stack for `value(named: "title")`, then
/// the objects below it, until one answers with something other than
/// `.missing`.
package protocol TemplateObject: TemplateValueConvertible {
    func value(named name: String) -> TemplateValue

    /// A hash of everything `value(named:)` answers, nested values included,
    /// for an object that a long list shows once per item (a link): an item
    /// whose key and place in the templates did not change since the last
    /// build is copied from the page as it was written instead of rendered
    /// again (`TemplateRow`). `nil`, the default: always rendered.
    var reuseKey: UInt64? { get }

    /// Whether field `name` answers the same on every page of a build (the
    /// interface strings, `{{t.key}}`): a list item that reads it from
    /// outside itself can still be copied as it was written, since a change
    /// to it changes the build's settings and renders everything again.
    func isFixedForTheBuild(_ name: String) -> Bool
}

extension TemplateObject {
    package var reuseKey: UInt64? { nil }
    package func isFixedForTheBuild(_ name: String) -> Bool { false }
}

extension TemplateObject {
    package var templateValue: TemplateValue { .object(self) }
}
