import ArgumentParser
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import Foundation

/// `diligence new country|product`: write a file with every field, for an
/// editor to fill in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new country profile or product-risk example.",
        discussion: """
        Writes content/countries/<iso>.md or content/products/<slug>.md with every field \
        and TODO placeholders. 'diligence check' reports each placeholder until it is \
        replaced. Refuses to overwrite an existing file.
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case country, product
    }

    @Argument(help: "What to create: country or product.")
    var kind: Kind

    @Argument(help: "The ISO 3166-1 alpha-2 code (country) or the slug (product), e.g. FR or thermal-imaging.")
    var name: String

    @Option(help: "The content folder.")
    var content = "content"

    func run() throws {
        let log = DiagnosticLog()
        guard let site = SiteConfigDecoder.load(content: content, log: log) else {
            FileHandle.standardError.write(Data(DiagnosticPrinter(format: .human, colour: false).render(log.diagnostics).utf8))
            throw ExitCode(1)
        }
        let file: (path: String, text: String)
        do {
            file = kind == .country ? try Scaffold.country(name, site: site) : try Scaffold.product(name, site: site)
        } catch {
            throw ValidationError("\(error)")
        }
        let path = content + "/" + file.path
        if FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) already exists; edit it instead")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try file.text.write(toFile: path, atomically: true, encoding: .utf8)
        print("""
        Wrote \(path).
        Replace every TODO (diligence check lists those left), cite a source for each fact,
        and leave what no source supports as unknown. CONTRIBUTING.md explains each field.
        """)
    }
}
