import Foundation
import Mustache

/// The site's Mustache templates, compiled once per build. Top-level files of
/// `templates/` are page templates (`country.mustache`); files in
/// `templates/partials/` are partials, named without the folder (`{{> header}}`).
/// Parse errors are reported at the template's line and column.
public struct TemplateLibrary: Sendable {
    /// Templates every site needs, one per kind of output page.
    public static let required = ["base", "home", "guidance", "product", "country", "page", "list", "search", "404",
                                         "matrix", "screening", "review"]

    let library: MustacheLibrary

    public init?(directory: String, displayDirectory: String? = nil, log: DiagnosticLog) {
        let shown = displayDirectory ?? directory
        let fm = FileManager.default
        var templates: [String: MustacheTemplate] = [:]
        var failed = false
        for (folder, isPartial) in [("", false), ("partials", true)] {
            let path = folder.isEmpty ? directory : directory + "/" + folder
            guard let names = try? fm.contentsOfDirectory(atPath: path) else {
                if !isPartial {
                    log.error(at: SourceLocation(file: shown), "templates folder not found",
                              hint: "run the command where your 'templates/' folder is, or name it with --templates DIR")
                    return nil
                }
                continue
            }
            for name in names.sorted() where name.hasSuffix(".mustache") && !name.hasPrefix(".") {
                let file = path + "/" + name
                let display = shown + "/" + (folder.isEmpty ? name : folder + "/" + name)
                guard let data = fm.contents(atPath: file) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                let templateName = String(name.dropLast(".mustache".count))
                if templates[templateName] != nil {
                    failed = true
                    log.error(at: SourceLocation(file: display), "partial '\(templateName)' has the same name as a page template",
                              hint: "rename the partial; partials and page templates share one namespace")
                    continue
                }
                do {
                    templates[templateName] = try MustacheTemplate(string: text)
                } catch let error as MustacheTemplate.ParserError {
                    failed = true
                    log.error(at: SourceLocation(file: display, line: error.context.lineNumber, column: error.context.columnNumber),
                              "template syntax error: \(error.error)", hint: "check that every {{#section}} is closed by {{/section}}")
                } catch {
                    failed = true
                    log.error(at: SourceLocation(file: display), "template cannot be read: \(error)")
                }
            }
        }
        for name in TemplateLibrary.required where templates[name] == nil && !failed {
            log.error(at: SourceLocation(file: shown + "/" + name + ".mustache"), "missing template '\(name).mustache'",
                      hint: "copy it from the templates/ folder of the Diligence repository")
            failed = true
        }
        if failed { return nil }
        library = MustacheLibrary(templates: templates)
    }

    public func render(_ context: Any, template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
