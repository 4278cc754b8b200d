import DiligenceTemplate

/// The screening form's options, read by position: an option's row key
/// comes from its two fields without making it a template value, so the
/// 10,000 options copied from the page as written are never made
/// (as an array, each was boxed as an object first, to be asked its key).
package struct ScreeningOptions: TemplateSequence, Sendable {
    package let options: [ScreeningView.Option]

    package init(_ options: [ScreeningView.Option]) {
        self.options = options
    }

    package var count: Int { options.count }

    package func element(at index: Int) -> TemplateValue { options[index].templateValue }

    package func reuseKey(at index: Int) -> UInt64? { options[index].reuseKey }
}
