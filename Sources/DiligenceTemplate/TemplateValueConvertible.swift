import DiligenceSupport

/// A Swift value a view can hand to a template: text, numbers, flags,
/// optionals (`nil` is `.null`), arrays and `TemplateObject`s.
package protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

extension String: TemplateValueConvertible {
    package var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateValueConvertible {
    package var templateValue: TemplateValue { .number(self) }
}

extension Bool: TemplateValueConvertible {
    package var templateValue: TemplateValue { .flag(self) }
}

extension Optional: TemplateValueConvertible where Wrapped: TemplateValueConvertible {
    package var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateValueConvertible where Element: TemplateValueConvertible {
    package var templateValue: TemplateValue { .list(self) }
}

extension TemplateValue: TemplateValueConvertible {
    package var templateValue: TemplateValue { self }
}
