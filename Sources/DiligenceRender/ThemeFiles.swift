import DiligenceDefaults
import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// The theme a build uses: the built-in templates and assets
/// (`DefaultTemplates`), each replaced by the file of the same relative path
/// in the site's own templates folder when it has one. The site's folder
/// holds only what it changes, so upgrading Diligence brings every other
/// improvement of the defaults.
package struct ThemeFiles: Sendable {
    /// Where a file of the theme comes from.
    package enum Origin: Sendable, Equatable {
        case builtIn
        /// The site's file replaces the built-in one.
        case overridden
        /// The site's file is byte for byte the built-in one.
        case sameAsBuiltIn
        /// The site's own file, with no built-in counterpart (a new partial).
        case added
    }

    /// The site's templates folder, when it exists.
    package let folder: String?
    /// The folder as messages name it.
    package let display: String
    /// Relative paths of the site's own files (templates, partials, assets).
    package let siteFiles: [String]

    /// - Parameters:
    ///   - folder: the site's templates folder; it may not exist.
    ///   - required: an explicit `--templates` must exist.
    package init(folder: String, required: Bool, log: DiagnosticLog) {
        display = folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            if required {
                log.error(at: SourceLocation(file: folder), "templates folder not found",
                          hint: "name an existing folder with --templates DIR, or leave the option out to use the built-in templates")
            }
            self.folder = nil
            siteFiles = []
            return
        }
        self.folder = folder
        siteFiles = (FileManager.default.subpaths(atPath: folder) ?? []).sorted().filter { relative in
            let name = (relative as NSString).lastPathComponent
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDir) && !isDir.boolValue
        }
    }

    /// Every path of the theme with its origin, sorted.
    package var files: [(path: String, origin: Origin)] {
        let own = Set(siteFiles)
        let all = Set(DefaultTemplates.paths).union(own).sorted()
        return all.map { path in
            guard own.contains(path), let folder else { return (path, .builtIn) }
            guard let builtIn = DefaultTemplates.files[path] else { return (path, .added) }
            let mine = FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }
            return (path, mine == builtIn ? .sameAsBuiltIn : .overridden)
        }
    }

    /// The template sources: built-in ones replaced by name, the site's new ones added.
    /// Page templates are the top-level `.mustache` files, partials those of `partials/`.
    package func templateSources() -> [TemplateLibrary.Source] {
        var sources: [String: TemplateLibrary.Source] = [:]
        for path in DefaultTemplates.paths {
            guard let name = Self.templateName(path), let bytes = DefaultTemplates.files[path] else { continue }
            sources[path] = .init(name: name, file: "(built-in) templates/" + path, text: String(decoding: bytes, as: UTF8.self),
                                  partial: path.hasPrefix("partials/"))
        }
        if let folder {
            for path in siteFiles {
                guard let name = Self.templateName(path), let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
                sources[path] = .init(name: name, file: display + "/" + path, text: String(decoding: data, as: UTF8.self),
                                      partial: path.hasPrefix("partials/"))
            }
        }
        return sources.keys.sorted().map { sources[$0]! }
    }

    /// The theme's assets (`assets/…` → `static/…`): the site's file where it
    /// has one. Scripts are published compacted (`ScriptCompactor`), each
    /// after its own interface strings in the site's language
    /// (`static/search.js` starts with `js_search_…`: `ScriptStrings`).
    package func assets(strings: InterfaceStrings) -> [OutputFile] {
        var out: [String: OutputFile] = [:]
        for path in DefaultTemplates.paths where path.hasPrefix("assets/") {
            let target = "static/" + path.dropFirst("assets/".count)
            out[path] = OutputFile(path: target, contents: .bytes(DefaultTemplates.files[path]!))
        }
        if let folder {
            for path in siteFiles where path.hasPrefix("assets/") {
                let name = (path as NSString).lastPathComponent
                guard !name.hasPrefix("_") else { continue }
                out[path] = OutputFile(path: "static/" + path.dropFirst("assets/".count), contents: .copy(from: folder + "/" + path))
            }
        }
        return out.keys.sorted().map { key in
            let file = out[key]!
            guard file.path.hasSuffix(".js") else { return file }
            let bytes: [UInt8]
            switch file.contents {
            case .bytes(let own): bytes = own
            case .copy(let source):
                // Unreadable: copied as before, so the writer reports it at its path.
                guard let data = FileManager.default.contents(atPath: source) else { return file }
                bytes = [UInt8](data)
            case .spliced: return file  // only the data files are
            }
            let own = ScriptStrings.statement(strings, prefix: ScriptStrings.keyPrefix(ofScript: file.path))
            return OutputFile(path: file.path, contents: .bytes(own + ScriptCompactor.compact(bytes)))
        }
    }

    /// The template name of a path: `country.mustache` → "country",
    /// `partials/header.mustache` → "header"; nil for anything else.
    package static func templateName(_ path: String) -> String? {
        guard path.hasSuffix(".mustache") else { return nil }
        let parts = path.split(separator: "/")
        guard parts.count == 1 || (parts.count == 2 && parts[0] == "partials") else { return nil }
        return String(parts.last!.dropLast(".mustache".count))
    }

    /// What every output depends on: the built-in theme's version and the site's own files.
    package var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(DefaultTemplates.fingerprint)
        if let folder {
            for path in siteFiles {
                hasher.combine(path)
                hasher.combine(bytes: [UInt8](FileManager.default.contents(atPath: folder + "/" + path) ?? Data()))
            }
        }
        return hasher.value
    }
}
