import ArgumentParser
import DiligenceDefaults
import DiligenceDiagnostics
import DiligenceKit
import DiligenceRender
import Foundation

/// `diligence templates`: which built-in templates a site overrides, and
/// copies of the built-in ones to start an override from.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the templates and assets a site overrides, or copy built-in ones to change them.",
        discussion: """
        Diligence carries its templates, partials and CSS/JS inside the binary. A site's \
        templates folder (templates/ beside the content folder, or --templates DIR) holds \
        only the files it changes: each replaces the built-in file of the same path, and \
        everything else keeps coming from the built-in theme, upgrades included.
          diligence templates list                 what is built in, overridden or added
          diligence templates copy footer          write partials/footer.mustache to change it
          diligence templates copy style.css product
          diligence templates copy --all           every file (then all later upgrades are yours to merge)
        """,
        subcommands: [List.self, Copy.self]
    )

    struct Location: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("The content folder (the templates folder defaults to templates/ beside it).", valueName: "dir"))
        var content = "content"

        @Option(name: .long, help: ArgumentHelp("The site's templates folder.", valueName: "dir"))
        var templates: String?

        /// The same folder `build` uses (`BuildOptions.templatesFolder`).
        var folder: String { BuildOptions(content: content, templates: templates).templatesFolder }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show each template and asset and where it comes from.")

        @OptionGroup var location: Location

        func run() throws {
            let theme = ThemeFiles(folder: location.folder, required: false, log: DiagnosticLog())
            var lines: [String] = []
            for (path, origin) in theme.files {
                let status: String
                switch origin {
                case .builtIn: status = "built-in"
                case .overridden: status = "overridden by " + location.folder + "/" + path
                case .sameAsBuiltIn: status = "same as built-in (" + location.folder + "/" + path + " can be deleted)"
                case .added: status = "the site's own (" + location.folder + "/" + path + ")"
                }
                lines.append(path.padding(toLength: max(34, path.count + 2), withPad: " ", startingAt: 0) + status)
            }
            let changed = theme.files.filter { $0.origin == .overridden || $0.origin == .added }.count
            lines.append("")
            lines.append(theme.folder == nil
                ? "No templates folder at \(location.folder): every file is built in."
                : "\(changed) of \(theme.files.count) files come from \(location.folder).")
            print(lines.joined(separator: "\n"))
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write built-in templates or assets into the templates folder, to change them.")

        @OptionGroup var location: Location

        @Argument(help: ArgumentHelp("Templates to copy: a page template (product), a partial (footer), an asset (style.css), or a path (partials/footer.mustache).", valueName: "name"))
        var names: [String] = []

        @Flag(help: "Copy every built-in file.")
        var all = false

        @Flag(help: "Replace files the templates folder already has.")
        var force = false

        func validate() throws {
            if names.isEmpty && !all { throw ValidationError("name the templates to copy (see 'diligence templates list'), or use --all") }
        }

        func run() throws {
            var paths: [String] = []
            for name in all ? DefaultTemplates.paths : names {
                guard let path = Self.path(of: name) else {
                    let known = DefaultTemplates.paths.map { ThemeFiles.templateName($0) ?? ($0 as NSString).lastPathComponent }
                    let near = Suggestion.closest(to: name, in: known).map { " Did you mean '\($0)'?" } ?? ""
                    throw ValidationError("no built-in template or asset named '\(name)'.\(near) See 'diligence templates list'.")
                }
                paths.append(path)
            }
            let fm = FileManager.default
            var written = 0
            for path in paths {
                let target = location.folder + "/" + path
                if fm.fileExists(atPath: target) && !force {
                    print("kept      \(target) (it exists; --force replaces it)")
                    continue
                }
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(DefaultTemplates.files[path]!).write(to: URL(fileURLWithPath: target), options: .atomic)
                print("wrote     \(target)")
                written += 1
            }
            print("\(written) file\(written == 1 ? "" : "s") written. Change them; the other files stay built in.")
        }

        /// The built-in path a name means: itself, a page template, a partial or an asset.
        static func path(of name: String) -> String? {
            let candidates = [name, name + ".mustache", "partials/" + name, "partials/" + name + ".mustache", "assets/" + name]
            return candidates.first { DefaultTemplates.files[$0] != nil }
        }
    }
}
