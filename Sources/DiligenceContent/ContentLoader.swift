import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// Reads the content folder: `site.yml`, the Markdown files of the four kind
/// folders, and the paths of `assets/`. Files and folders whose names start with
/// `_` or `.` are skipped, as the content model says. Symbolic links that lead
/// outside the content folder are refused, so a pull request cannot publish
/// files from elsewhere on the build machine.
package struct ContentLoader: Sendable {
    package var root: String
    /// Prefix for paths in diagnostics (the folder as the user named it).
    package var displayRoot: String
    /// Larger Markdown or YAML files are refused rather than parsed.
    package var maxFileSize: Int

    package init(root: String, displayRoot: String? = nil, maxFileSize: Int = 1 << 20) {
        self.root = root
        self.displayRoot = displayRoot ?? root
        self.maxFileSize = maxFileSize
    }

    package func load(into log: DiagnosticLog) -> ContentTree {
        var tree = list(into: log)
        // Read the pages in parallel: on a large site, file opening dominates.
        tree.pageFiles = tree.pagePaths.concurrentMap { read($0, log: log) }.compactMap { $0 }
        return tree
    }

    /// Reads `site.yml` and lists the page files and assets without reading
    /// the pages (`pageFiles` is empty): what an incremental build needs
    /// before it knows which pages changed.
    package func list(into log: DiagnosticLog) -> ContentTree {
        var tree = ContentTree(siteFile: nil, pageFiles: [], assets: [])
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            log.error(at: SourceLocation(file: displayRoot, line: 1, column: 1),
                      "content folder not found",
                      hint: "run the command where your 'content/' folder is, or name it with --content DIR")
            return tree
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path

        let sitePath = root + "/site.yml"
        if fm.fileExists(atPath: sitePath) {
            tree.siteFile = read("site.yml", log: log)
        } else {
            log.error(at: location("site.yml"), "missing site.yml",
                      hint: "every content folder needs a site.yml with the site title and the vocabularies (see CONTRIBUTING.md)")
        }

        for relative in walk("", realRoot: realRoot, log: log) {
            // The first folder and whether there is another, on the UTF-8
            // bytes: splitting 10,000 paths into arrays of substrings was a
            // third of listing a large site, on every incremental build.
            // `walk` gives paths without empty parts, and "/" is ASCII.
            let utf8 = relative.utf8
            let slash = utf8.firstIndex(of: UInt8(ascii: "/"))
            let folder = slash.map { relative[..<$0] } ?? relative[...]
            let nested = slash.map { utf8[utf8.index(after: $0)...].contains(UInt8(ascii: "/")) } ?? false
            if folder == "assets" {
                tree.assets.append(relative)
            } else if slash != nil, !nested, PageKind(folder: String(folder)) != nil, relative.hasSuffix(".md") {
                // `<slug>.<lang>.md` is a translation; another dotted name
                // is a page, whose slug check reports the dot.
                if let (original, language) = TranslationDecoder.original(of: relative), SiteConfigDecoder.isLanguageCode(language) {
                    tree.translations[language, default: [:]][original] = relative
                } else {
                    tree.pagePaths.append(relative)
                }
            } else if relative != "site.yml" {
                log.warning(at: location(relative), "this file is not in a content folder and is not published",
                            hint: "put pages in guidance/, products/, countries/ or pages/ (as .md files), other files in assets/; or start the name with '_' to silence this")
            }
        }
        tree.assets.sort()
        tree.pagePaths.sort()
        return tree
    }

    private func location(_ relative: String) -> SourceLocation {
        SourceLocation(file: displayRoot + "/" + relative, line: 1, column: 1)
    }

    /// Regular files below `relative`, sorted, skipping `_` and `.` names.
    ///
    /// Reads the folder with `readdir`, whose entry types tell files from
    /// folders without a `stat` per file (10,000 calls saved on a large
    /// site, where an incremental build lists the folder every time).
    private func walk(_ relative: String, realRoot: String, log: DiagnosticLog) -> [String] {
        let dir = relative.isEmpty ? root : root + "/" + relative
        guard let entries = FolderEntries.read(dir) else {
            log.error(at: location(relative), "cannot read this folder", hint: "check its permissions")
            return []
        }
        var files: [String] = []
        for (name, type) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") && !name.hasPrefix("_") {
            let rel = relative.isEmpty ? name : relative + "/" + name
            var full: String { root + "/" + rel }
            var mode: mode_t
            switch Int32(type) {
            case Int32(DT_REG): mode = S_IFREG
            case Int32(DT_DIR): mode = S_IFDIR
            default:  // a link, or a file system that does not give types
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                mode = info.st_mode & S_IFMT
            }
            if mode == S_IFLNK {
                let target = URL(fileURLWithPath: full).resolvingSymlinksInPath().path
                guard target == realRoot || target.hasPrefix(realRoot + "/") else {
                    log.error(at: location(rel), "symbolic link points outside the content folder; it is not published",
                              hint: "copy the file into content/ instead of linking to it")
                    continue
                }
                var info = stat()
                guard stat(target, &info) == 0 else { continue }
                mode = info.st_mode & S_IFMT
            }
            if mode == S_IFDIR {
                files += walk(rel, realRoot: realRoot, log: log)
            } else if mode == S_IFREG {
                files.append(rel)
            }
        }
        return files
    }

    package func read(_ relative: String, log: DiagnosticLog) -> SourceFile? {
        let path = root + "/" + relative
        guard let bytes = FileBytes.read(path) else {
            log.error(at: location(relative), "cannot read this file", hint: "check its permissions")
            return nil
        }
        guard bytes.count <= maxFileSize else {
            log.error(at: location(relative), "file is \(bytes.count) bytes, over the limit of \(maxFileSize) bytes",
                      hint: "split it into several pages, or raise the limit with --max-file-size")
            return nil
        }
        return SourceFile(relativePath: relative, displayPath: displayRoot + "/" + relative, bytes: bytes)
    }
}
