import DiligenceSupport

/// What a template name resolves to. Views answer lookups with these values
/// directly (see `TemplateObject`), so rendering never casts `Any` or reflects.
///
/// Truthiness follows swift-mustache, which Diligence used before its own
/// engine: a missing value, `false` and an empty list are false; any text
/// (even empty) and any number (even 0) are true.
package enum TemplateValue {
    /// No such field: the lookup goes on to the values further out.
    case missing
    /// A field the value has, with nothing in it (`nil`): shown like a
    /// missing one, but the lookup stops here, as the Mustache spec says
    /// (the first value that has the name answers). swift-mustache looked
    /// further out, so a `nil` field could show an outer value of that name.
    case null
    case text(String)
    case number(Int)
    case flag(Bool)
    case object(any TemplateObject)
    case list(any TemplateSequence)
}
