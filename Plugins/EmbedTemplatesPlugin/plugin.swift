import Foundation
import PackagePlugin

/// Embeds the repository's `templates/` folder (templates, partials and
/// assets) into the `DiligenceDefaults` module at build time, so the
/// built-in theme travels inside the `diligence` binary and a site's own
/// templates folder only holds what it changes.
@main
struct EmbedTemplatesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "templates")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTemplates.swift")
        let files = (FileManager.default.subpaths(atPath: templates.path) ?? []).sorted().map { templates.appending(path: $0) }
        return [.buildCommand(
            displayName: "Embedding templates/ in DiligenceDefaults",
            executable: try context.tool(named: "EmbedTemplates").url,
            arguments: [templates.path, output.path],
            inputFiles: files,
            outputFiles: [output])]
    }
}
