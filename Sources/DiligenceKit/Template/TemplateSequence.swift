/// A list a section iterates (`{{#items}}…{{/items}}`), read by position so
/// that an array's elements become template values one at a time.
public protocol TemplateSequence {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

extension Array: TemplateSequence where Element: TemplateValueConvertible {
    public func element(at index: Int) -> TemplateValue { self[index].templateValue }
}
