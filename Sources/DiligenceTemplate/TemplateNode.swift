import DiligenceSupport

/// One piece of a compiled template.
package indirect enum TemplateNode: Sendable {
    /// Literal bytes, copied as they are.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}` or, inverted, `{{^name}}…{{/name}}`.
    case section(TemplateName, inverted: Bool, body: [TemplateNode])
    /// `{{$name}}default{{/name}}`: a block a parent template lets its
    /// children replace.
    case block(String, body: [TemplateNode], indentation: [UInt8])
    /// `{{> name}}` (no overrides) or `{{< name}}{{$block}}…{{/block}}{{/name}}`
    /// (a parent template with blocks replaced). `indentation` is set for a
    /// partial alone on its line: every line it renders is indented alike.
    case partial(String, indentation: [UInt8]?, overrides: [String: [TemplateNode]]?)
    /// Only inside a parent's tag: a block's replacement.
    case blockOverride(String, body: [TemplateNode])
}
