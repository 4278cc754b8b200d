import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// The site's Mustache templates, compiled once per build: the built-in ones,
/// each replaced by the site's file of the same name (`ThemeFiles`). Top-level
/// files are page templates (`country.mustache`); files in `partials/` are
/// partials, named without the folder (`{{> header}}`).
/// Syntax errors, and partials that name no template, are reported at the
/// template's line and column, all of them in one run; so is a partial that
/// includes itself, directly or through others, with no section on the way
/// that could stop it (it would never finish). A partial that includes
/// itself inside a section renders a nested structure (a tree of steps),
/// to at most `TemplateRenderer.maximumDepth` levels.
package struct TemplateLibrary: Sendable {
    /// Templates every site needs, one per kind of output page.
    package static let required = ["base", "home", "guidance", "product", "country", "page", "list", "search", "404",
                                  "matrix", "screening", "review"]

    /// One template's text, its name and the file name messages show.
    package struct Source: Sendable {
        package var name: String
        package var file: String
        package var text: String
        /// A partial (`partials/`), rendered where another template includes it.
        package var partial: Bool

        package init(name: String, file: String, text: String, partial: Bool = false) {
            self.name = name
            self.file = file
            self.text = text
            self.partial = partial
        }
    }

    /// A `{{> name}}` or `{{< name}}` tag, where it is, and whether a section encloses it.
    private struct Reference {
        package var from: String
        package var name: String
        package var location: SourceLocation
        package var guarded: Bool
    }

    package let templates: [String: [TemplateNode]]
    /// The theme's strings files (`templates/strings/`): the words of the
    /// interface in each language, that templates read as `{{t.key}}`.
    package private(set) var strings = ThemeStrings.builtIn

    /// The built-in templates with the site's own in their place (`ThemeFiles`),
    /// and the strings files likewise, key by key.
    package init?(theme: ThemeFiles, log: DiagnosticLog) {
        let strings = ThemeStrings(theme: theme, log: log)
        var sources: [Source] = []
        var failed = false
        for source in theme.templateSources() {
            if sources.contains(where: { $0.name == source.name }) {
                failed = true
                log.error(at: SourceLocation(file: source.file), "partial '\(source.name)' has the same name as a page template",
                          hint: "rename the partial; partials and page templates share one namespace")
                continue
            }
            sources.append(source)
        }
        // `t.` names a key English has, the site's own additions included.
        let root = LayoutContext.schema(strings: InterfaceStrings.templateSchema(keys: strings.englishKeys))
        guard let library = TemplateLibrary(sources: sources, root: root, log: log), !failed else { return nil }
        self = library
        self.strings = strings
    }

    /// Compiles `sources`; nil, with every problem in `log`, if one cannot be.
    /// With `root`, every name a template uses is checked against the
    /// fields of the views it renders (page templates are rendered with a
    /// value of `root`'s shape; partials where they are included).
    package init?(sources: [Source], root: TemplateSchema? = nil, log: DiagnosticLog) {
        var templates: [String: [TemplateNode]] = [:]
        var references: [Reference] = []
        var failed = false
        for source in sources {
            let text = TemplateSource(source.text)
            var parser = TemplateParser(text)
            do {
                templates[source.name] = try parser.parse()
                references += parser.references.map { reference in
                    let (line, column) = text.location(of: reference.offset)
                    return Reference(from: source.name, name: reference.name,
                                     location: SourceLocation(file: source.file, line: line, column: column),
                                     guarded: reference.guarded)
                }
            } catch {
                failed = true
                let (line, column) = text.location(of: error.offset)
                log.error(at: SourceLocation(file: source.file, line: line, column: column),
                          "template syntax error: \(error.message)", hint: error.hint)
            }
        }
        let names = Set(sources.map(\.name))
        for reference in references where !names.contains(reference.name) {
            failed = true
            log.error(at: reference.location, "no template or partial named '\(reference.name)'",
                      hint: "partials are the files of templates/partials/ without '.mustache'; known: \(names.sorted().joined(separator: ", "))")
        }
        // Only inclusions outside any section can loop for ever: a cycle of
        // those is an error; one through a section is recursion it can stop.
        for cycle in Self.cycles(in: references.filter { names.contains($0.name) && !$0.guarded }) {
            failed = true
            let path = (cycle.map(\.from) + [cycle[0].from]).joined(separator: " → ")
            log.error(at: cycle[cycle.count - 1].location, "templates include each other without end: \(path)",
                      hint: "put the inclusion inside a section over the nested items ({{#children}}{{> \(cycle[cycle.count - 1].name)}}{{/children}}), which stops where there are none, or remove it")
        }
        if failed { return nil }
        if let root, !Self.namesAreKnown(sources, templates, root: root, log: log) { return nil }
        self.templates = templates
    }

    /// Reports every name no view has, all templates in one run, at the
    /// tag's line and column, with the nearest known name.
    private static func namesAreKnown(_ sources: [Source], _ templates: [String: [TemplateNode]], root: TemplateSchema,
                                      log: DiagnosticLog) -> Bool {
        var checker = TemplateNameChecker(templates: templates)
        var problems: [TemplateNameChecker.Problem] = []
        // Page templates, then the partials no page includes (checked as if at the top).
        for source in sources where !source.partial { problems = checker.check(source.name, root: root) }
        for source in sources where source.partial && !checker.reached.contains(source.name) {
            problems = checker.check(source.name, root: root)
        }
        let byName = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for problem in problems {
            guard let source = byName[problem.template] else { continue }
            let (line, column) = TemplateSource(source.text).location(of: problem.offset)
            let word = problem.name.split(whereSeparator: { "().".contains($0) }).last.map(String.init) ?? problem.name
            let near = Suggestion.closest(to: word, in: Array(Set(problem.known)))
            let views = problem.views.isEmpty ? "" : " (looked up in \(problem.views.joined(separator: ", then ")))"
            var hint = near.map { "did you mean '\($0)'?" } ?? "no similar name"
            if problem.views == [InterfaceStrings.schemaName] {
                hint += "; the keys of t. are those of templates/strings/en.yml: a new one goes there, and in each other language's file"
            } else {
                hint += "; docs/templates.md lists every view's fields"
            }
            log.error(at: SourceLocation(file: source.file, line: line, column: column),
                      "unknown name '\(problem.name)': no view here has it\(views)", hint: hint)
        }
        return problems.isEmpty
    }

    /// Partials that went deeper than `TemplateRenderer.maximumDepth` while
    /// rendering, collected from every thread: the build reports them as
    /// errors and does not publish.
    package private(set) var runaways = TemplateRunaways()

    /// The HTML of the template named `template` for `context`.
    package func render(_ context: some TemplateObject, template: String) -> [UInt8] {
        var renderer = TemplateRenderer(templates: templates)
        renderer.render(template, with: context.templateValue)
        if let chain = renderer.runaway { runaways.add(template: template, chain: chain) }
        return renderer.output
    }

    /// The HTML, its rows (`TemplateRow`), and how many of them were copied
    /// from `reusable` (where their row key is there) instead of rendered.
    package func render(_ context: some TemplateObject, template: String, reusing reusable: KeptRows,
                        capacity: Int = 0) -> (bytes: [UInt8], rows: [TemplateRow], copied: Int) {
        var renderer = TemplateRenderer(templates: templates)
        renderer.reserve(capacity)
        renderer.keepsRows = true
        renderer.reusable = reusable
        renderer.render(template, with: context.templateValue)
        if let chain = renderer.runaway { runaways.add(template: template, chain: chain) }
        return (renderer.output, renderer.rows, renderer.copied)
    }

    /// Cycles of inclusions, each as the references that make it (at least
    /// one per group of templates that include each other).
    private static func cycles(in references: [Reference]) -> [[Reference]] {
        let edges = Dictionary(grouping: references, by: \.from)
        var cycles: [[Reference]] = []
        var seen: Set<[String]> = []
        var finished: Set<String> = []
        func visit(_ name: String, _ path: [Reference]) {
            let stack = path.map(\.from) + [name]
            for edge in edges[name] ?? [] {
                if let start = stack.firstIndex(of: edge.name) {
                    let cycle = Array(path[start...]) + [edge]
                    if seen.insert(cycle.map(\.from).sorted()).inserted { cycles.append(cycle) }
                } else if !finished.contains(edge.name) {
                    visit(edge.name, path + [edge])
                }
            }
            finished.insert(name)
        }
        for name in edges.keys.sorted() where !finished.contains(name) {
            visit(name, [])
        }
        return cycles
    }
}
