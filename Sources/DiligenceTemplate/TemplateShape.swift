import DiligenceSupport

/// What a template name holds, as far as checking names goes: a plain
/// value (text, number, flag), a list of something, or an object with
/// named fields.
package indirect enum TemplateShape: Sendable {
    case value
    case list(TemplateShape)
    case object(TemplateSchema)
    /// Not known (a value the checker cannot see into): every name below it is accepted.
    case anything
}
