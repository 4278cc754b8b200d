/// What a template name resolves to. Views answer lookups with these values
/// directly (see `TemplateObject`), so rendering never casts `Any` or reflects.
///
/// Truthiness follows swift-mustache, which Diligence used before its own
/// engine: a missing value, `false` and an empty list are false; any text
/// (even empty) and any number (even 0) are true.
public enum TemplateValue {
    /// No such field, or a field with no value (`nil`).
    case missing
    case text(String)
    case number(Int)
    case flag(Bool)
    case object(any TemplateObject)
    case list(any TemplateSequence)
}
