import ArgumentParser
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import DiligenceServe
import Foundation

/// `diligence serve`: live preview for editors.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on this computer, and rebuild and reload pages as you edit.",
        discussion: """
        Open the printed address in a browser. Each time a file in the content or templates \
        folder changes, the site is rebuilt and open pages reload. If the build fails, the \
        problems are shown over the page and here, and the last good version stays served. \
        The preview is written to .diligence-cache/serve (not to public/) unless --output is given. \
        The reload script exists only in this preview, never in 'diligence build' output.
        """
    )

    @Option(help: "Port to listen on (0: any free port).")
    var port: UInt16 = 1313

    @Option(help: "Address to listen on. The default serves this computer only; use 0.0.0.0 to share on the network.")
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Folder with site.yml and the Markdown files.", valueName: "dir"))
    var content = "content"

    @Option(name: .long, help: ArgumentHelp("Folder with the site's own templates and CSS, each replacing the built-in file of the same name (default: templates/ beside the content folder, if it exists). See 'diligence templates list'.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("Folder the preview is written to.", valueName: "dir"))
    var output = ".diligence-cache/serve"

    @Flag(name: .long, help: "Include pages marked 'draft: true'.")
    var drafts = false

    func run() async throws {
        let options = BuildOptions(content: content, templates: templates, output: output, drafts: drafts)
        let printer = DiagnosticPrinter(format: .human, colour: isatty(STDERR_FILENO) == 1)
        let server = PreviewServer(options: options, host: host, port: port) { report in
            let stamp = DateFormatter.localizedString(from: Date(), dateStyle: .none, timeStyle: .medium)
            var text = printer.render(report.diagnostics)
            text += report.publishedBytes != nil
                ? "[\(stamp)] \(report.summary(output: options.output))\n"
                : "[\(stamp)] Build failed: \(report.diagnostics.errorCount) error(s); still serving the last good version.\n"
            FileHandle.standardError.write(Data(text.utf8))
        }
        let bound = try await server.start()
        FileHandle.standardOutput.write(Data("Serving the preview at http://\(host == "0.0.0.0" ? "localhost" : host):\(bound)/index.html — press Ctrl-C to stop.\n".utf8))
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
