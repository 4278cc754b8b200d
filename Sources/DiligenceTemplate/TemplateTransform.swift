import DiligenceSupport

/// A function applied to a value in a tag: `{{^empty(sources)}}`. The names
/// and their meaning are swift-mustache's; an unknown name is a syntax error
/// (swift-mustache rendered nothing), so a typo is caught by `check`.
package enum TemplateTransform: String, CaseIterable, Sendable {
    // Lists and text
    case empty, count, first, last, reversed
    // Text
    case lowercased, uppercased
    // Numbers (and, for `first`/`last`/`even`/`odd`/`index`, a list item's position)
    case equalzero, plusone, minusone, even, odd, index

    /// The transform of `value`, or `.missing` when it does not apply to it.
    package func apply(to value: TemplateValue) -> TemplateValue {
        switch (self, value) {
        case (.empty, .list(let list)): return .flag(list.count == 0)
        case (.count, .list(let list)): return .number(list.count)
        case (.first, .list(let list)): return list.count > 0 ? list.element(at: 0) : .missing
        case (.last, .list(let list)): return list.count > 0 ? list.element(at: list.count - 1) : .missing
        case (.reversed, .list(let list)): return .list(ReversedTemplateSequence(base: list))
        case (.empty, .text(let text)): return .flag(text.isEmpty)
        case (.count, .text(let text)): return .number(text.count)
        case (.reversed, .text(let text)): return .text(String(text.reversed()))
        case (.lowercased, .text(let text)): return .text(text.lowercased())
        case (.uppercased, .text(let text)): return .text(text.uppercased())
        case (.equalzero, .number(let n)): return .flag(n == 0)
        case (.plusone, .number(let n)): return .number(n + 1)
        case (.minusone, .number(let n)): return .number(n - 1)
        case (.even, .number(let n)): return .flag(n & 1 == 0)
        case (.odd, .number(let n)): return .flag(n & 1 == 1)
        default: return .missing
        }
    }

    /// The transform of the position of the list item being rendered:
    /// `{{#first()}}`, `{{index()}}`.
    package func apply(to position: TemplateRenderer.Position) -> TemplateValue {
        switch self {
        case .first: return .flag(position.index == 0)
        case .last: return .flag(position.index == position.count - 1)
        case .index: return .number(position.index)
        case .even: return .flag(position.index & 1 == 0)
        case .odd: return .flag(position.index & 1 == 1)
        default: return .missing
        }
    }
}

/// A list read back to front, for the `reversed` transform.
private struct ReversedTemplateSequence: TemplateSequence {
    package let base: any TemplateSequence
    package var count: Int { base.count }
    package func element(at index: Int) -> TemplateValue { base.element(at: base.count - 1 - index) }
}
