import ArgumentParser
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import DiligenceRender
import Foundation

/// `diligence schema`: regenerate the JSON Schemas and CONTRIBUTING.md's field
/// reference from the field definitions the checker uses.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write JSON Schemas for each kind's front matter and for the data export, and the field reference of CONTRIBUTING.md.",
        discussion: """
        The schemas give editors completion and validation in editors that support \
        '# yaml-language-server: $schema=' (VS Code with the YAML extension, and others). \
        Vocabularies (regions, categories, …) come from site.yml, so run it again after \
        changing site.yml. With --check, write nothing and fail if a file is out of date.
        """
    )

    @Option(help: "The content folder (for site.yml).")
    var content = "content"

    @Option(help: "Where to write the schemas.")
    var output = "schemas"

    @Option(help: "The contributor guide whose field reference to update (between its markers).")
    var contributing = "CONTRIBUTING.md"

    @Option(help: "The template reference whose view fields to update (between its markers).")
    var templatesDoc = "docs/templates.md"

    @Flag(help: "Write nothing; exit 1 if a schema or the field reference is out of date.")
    var check = false

    func run() throws {
        let log = DiagnosticLog()
        guard let site = SiteConfigDecoder.load(content: content, log: log) else {
            FileHandle.standardError.write(Data(DiagnosticPrinter(format: .human, colour: false).render(log.diagnostics).utf8))
            throw ExitCode(1)
        }
        var files = JSONSchemaGenerator(site: site).schemas().map { (output + "/" + $0.file, $0.schema.rendered()) }
        files.append((output + "/" + DataExportSchema.file, DataExportSchema.schema().rendered()))
        if let guide = try? String(contentsOfFile: contributing, encoding: .utf8) {
            guard let updated = FieldReference.replacing(in: guide) else {
                throw ValidationError("\(contributing) has no field-reference markers; add the lines\n\(FieldReference.startMarker)\n\(FieldReference.endMarker)")
            }
            files.append((contributing, updated))
        }
        if let reference = try? String(contentsOfFile: templatesDoc, encoding: .utf8) {
            guard let updated = TemplateFieldReference.update(reference) else {
                throw ValidationError("\(templatesDoc) has no view-fields markers; add the lines\n\(TemplateFieldReference.begin)\n\(TemplateFieldReference.end)")
            }
            files.append((templatesDoc, updated))
        }
        var stale: [String] = []
        for (path, text) in files where (try? String(contentsOfFile: path, encoding: .utf8)) != text {
            stale.append(path)
            if !check {
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
        if check {
            if stale.isEmpty { print("Schemas and field reference are up to date.") }
            else {
                FileHandle.standardError.write(Data("Out of date: \(stale.joined(separator: ", ")). Run 'diligence schema'.\n".utf8))
                throw ExitCode(1)
            }
        } else {
            print(stale.isEmpty ? "Schemas and field reference were already up to date." : "Wrote \(stale.joined(separator: ", ")).")
        }
    }
}
