/// A value with named fields a template can read: `{{title}}` asks the
/// innermost object on the context stack for `value(named: "title")`, then
/// the objects below it, until one answers with something other than
/// `.missing`.
public protocol TemplateObject: TemplateValueConvertible {
    func value(named name: String) -> TemplateValue
}

extension TemplateObject {
    public var templateValue: TemplateValue { .object(self) }
}
