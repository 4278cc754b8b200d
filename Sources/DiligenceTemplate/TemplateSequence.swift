import DiligenceSupport

/// A list a section iterates (`{{#items}}…{{/items}}`), read by position so
/// that an array's elements become template values one at a time.
package protocol TemplateSequence {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
    /// The `TemplateObject.reuseKey` of an element, worked out without
    /// making the element (`PageLinks`): an element copied from the previous
    /// build is then never made at all. `nil`, the default: the renderer
    /// makes the element and asks it.
    func reuseKey(at index: Int) -> UInt64?
}

extension TemplateSequence {
    package func reuseKey(at index: Int) -> UInt64? { nil }
}

extension Array: TemplateSequence where Element: TemplateValueConvertible {
    package func element(at index: Int) -> TemplateValue { self[index].templateValue }
}
