import DiligenceContent
import DiligenceDefaults
import DiligenceDiagnostics
import DiligenceSupport
import Foundation
import Yams

/// The theme's strings files, one per language: `templates/strings/en.yml`,
/// `templates/strings/fr.yml`… Flat `key: text` YAML. The built-in theme
/// ships them (`DefaultTemplates`); a site's own `templates/strings/<lang>.yml`
/// holds only the keys it changes, or a whole new language.
///
/// English is the default: its keys are the ones templates may name
/// (`{{t.key}}`) and every other language must have; a key a language lacks
/// falls back to the English text.
package struct ThemeStrings: Sendable {
    /// One key of one file, where it is written.
    package struct Entry: Sendable {
        package var key: String
        package var text: String
        package var line: Int
    }

    /// One strings file, parsed.
    package struct File: Sendable {
        /// The language its name gives (`fr` for `strings/fr.yml`).
        package var language: String
        /// The file as messages name it.
        package var display: String
        package var entries: [Entry]
        /// The built-in theme's file, not the site's own.
        package var builtIn: Bool

        package var texts: [String: String] {
            Dictionary(entries.map { ($0.key, $0.text) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// The folder of the theme that holds them, and the default language.
    package static let folder = "strings/"
    package static let defaultLanguage = "en"

    /// The built-in files, then the site's, each sorted by language.
    package let files: [File]

    /// The built-in theme's strings alone.
    package static let builtIn = ThemeStrings(theme: nil, log: DiagnosticLog())

    /// The built-in files parsed once per process, by path, with their
    /// bytes and what parsing them reported: every build parsed them two or
    /// three times (the built-in strings, the theme's, and a site theme
    /// that copies them unchanged), on the thread that plans, before it
    /// can use the cache (41 samples of 1,232 in `perf` for an incremental
    /// build with nothing changed at 10,000 pages; 25 once each is parsed once).
    private static let builtInFiles: [(path: String, bytes: [UInt8], files: [File], diagnostics: [Diagnostic])] =
        DefaultTemplates.paths.compactMap { path in
            guard let language = language(ofPath: path), let bytes = DefaultTemplates.files[path] else { return nil }
            let log = DiagnosticLog()
            let files = parse(String(decoding: bytes, as: UTF8.self), language: language,
                              display: "(built-in) templates/" + path, builtIn: true, log: log)
            return (path, Array(bytes), files, log.diagnostics)
        }

    /// Reads the built-in strings files and the site's (`theme`), reporting
    /// syntax errors and keys a language lacks or adds into `log`.
    package init(theme: ThemeFiles?, log: DiagnosticLog) {
        var files: [File] = []
        for builtIn in Self.builtInFiles {
            files += builtIn.files
            log.add(contentsOf: builtIn.diagnostics)
        }
        if let theme, let folder = theme.folder {
            for path in theme.siteFiles {
                guard let language = Self.language(ofPath: path),
                      let data = FileManager.default.contents(atPath: folder + "/" + path) else { continue }
                let display = theme.display + "/" + path
                // A site file that is the built-in one unchanged reads as it did.
                if let same = Self.builtInFiles.first(where: { $0.path == path && $0.diagnostics.isEmpty && data.elementsEqual($0.bytes) }) {
                    files += same.files.map { file in
                        var file = file
                        file.display = display
                        file.builtIn = false
                        return file
                    }
                    continue
                }
                files += Self.parse(String(decoding: data, as: UTF8.self), language: language,
                                    display: display, builtIn: false, log: log)
            }
        }
        self.files = files
        if theme != nil { checkKeys(log: log) }
    }

    /// `fr` for `strings/fr.yml`; nil for any other path.
    package static func language(ofPath path: String) -> String? {
        guard path.hasPrefix(folder), path.hasSuffix(".yml") else { return nil }
        let name = path.dropFirst(folder.count).dropLast(".yml".count)
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return String(name)
    }

    private static func parse(_ text: String, language: String, display: String, builtIn: Bool, log: DiagnosticLog) -> [File] {
        let position = YAMLPosition(file: display, firstLine: 1)
        var file = File(language: language, display: display, entries: [], builtIn: builtIn)
        guard !text.allSatisfy({ $0.isWhitespace }) else { return [file] }
        guard let node = YAMLComposer.compose(text, position: position, log: log) else { return [] }
        guard case .mapping(let mapping) = node else {
            log.error(at: position.location(of: node), "a strings file must be a list of 'key: text' lines",
                      hint: "write one key per line, as in the built-in templates/strings/en.yml")
            return []
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode, Self.isKey(key.string) else {
                log.error(at: position.location(of: keyNode), "a strings key must be snake_case: lower-case letters, digits and '_'",
                          hint: "for example skip_to_content")
                continue
            }
            guard case .scalar(let scalar) = value else {
                log.error(at: position.location(of: value), "'\(key.string)' must be one text, not a list or a mapping",
                          hint: "quote the text if it contains ': ' or starts with a special character")
                continue
            }
            file.entries.append(Entry(key: key.string, text: scalar.string, line: position.location(of: keyNode).line))
        }
        return [file]
    }

    private static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    /// The built-in file of a language, then the site's, when they exist.
    private func files(of language: String) -> [File] {
        files.filter { $0.language.lowercased() == language.lowercased() }
    }

    /// The English texts: built in, with the site's changes and additions.
    private var english: [String: String] {
        var texts: [String: String] = [:]
        for file in files(of: Self.defaultLanguage) { texts.merge(file.texts) { _, new in new } }
        return texts
    }

    /// Every key English defines, in the order of its files: what templates
    /// may name after `t.`.
    package var englishKeys: [String] {
        var keys: [String] = []
        var seen: Set<String> = []
        for file in files(of: Self.defaultLanguage) {
            for entry in file.entries where seen.insert(entry.key).inserted { keys.append(entry.key) }
        }
        return keys
    }

    /// The language whose files render `language`: itself, else its primary
    /// subtag (`fr` for `fr-CA`); nil when the theme has neither.
    package func resolvedLanguage(_ language: String) -> String? {
        if !files(of: language).isEmpty { return language }
        let primary = String(language.split(separator: "-").first ?? "")
        if !primary.isEmpty, !files(of: primary).isEmpty { return primary }
        return nil
    }

    /// The strings a site in `language` is rendered with: English, replaced
    /// by the language's built-in file, then by the site's own.
    package func strings(for language: String) -> InterfaceStrings {
        var texts = english
        if let resolved = resolvedLanguage(language), resolved.lowercased() != Self.defaultLanguage {
            for file in files(of: resolved) { texts.merge(file.texts) { _, new in new } }
        }
        return InterfaceStrings(language: language, texts: texts)
    }

    /// A warning when no strings file is for `language`: the interface is then in English.
    /// - Parameter location: where the language is set (site.yml).
    package func checkLanguage(_ language: String, at location: SourceLocation, log: DiagnosticLog) {
        guard resolvedLanguage(language) == nil else { return }
        let known = Set(files.map(\.language)).sorted().joined(separator: ", ")
        log.warning(at: location, "no strings file for language '\(language)': the interface is shown in English",
                    hint: "to translate the interface, copy the English (`diligence templates copy strings/en.yml`), rename it templates/strings/\(language).yml and translate each text; languages available: \(known)")
    }

    /// Every language's keys against English's: one error per key English
    /// has and the language lacks, at the line of the file where it would
    /// go (after the key before it in English's order); one warning per key
    /// English does not have, and per text whose `{placeholders}` are not
    /// English's. A language only the built-in theme has is checked against
    /// the built-in English; one the site has a file for, against English
    /// with the site's additions, at the site's file.
    private func checkKeys(log: DiagnosticLog) {
        let builtInEnglish = files.filter { $0.builtIn && $0.language == Self.defaultLanguage }
        let allEnglish = files(of: Self.defaultLanguage)
        let languages = Set(files.map { $0.language.lowercased() }).subtracting([Self.defaultLanguage]).sorted()
        for language in languages {
            let own = files(of: language)
            guard let reported = own.last(where: { !$0.builtIn }) ?? own.last else { continue }
            let english = reported.builtIn ? builtInEnglish : allEnglish
            var englishTexts: [String: String] = [:]
            var englishOrder: [Entry] = []
            // The texts as the site's English has them; the order too (a key it
            // adds belongs where it wrote it), then the built-in keys it did not copy.
            for file in english {
                for entry in file.entries { englishTexts[entry.key] = entry.text }
            }
            var ordered: Set<String> = []
            for file in english.reversed() {
                for entry in file.entries where ordered.insert(entry.key).inserted { englishOrder.append(entry) }
            }
            var has: [String: String] = [:]
            for file in own { has.merge(file.texts) { _, new in new } }
            let lines = Dictionary(reported.entries.map { ($0.key, $0.line) }, uniquingKeysWith: { first, _ in first })
            // Missing keys, each at the line of the nearest key before it that the file has.
            var previousLine = 1
            for entry in englishOrder {
                if let line = lines[entry.key] { previousLine = line; continue }
                guard has[entry.key] == nil else { continue }
                log.error(at: SourceLocation(file: reported.display, line: previousLine),
                          "strings file for '\(language)' lacks the key '\(entry.key)'",
                          hint: "add it after this line, translated from the English: \(entry.key): \(Self.quoted(entry.text))")
            }
            for file in own where !file.builtIn || file.display == reported.display {
                for entry in file.entries {
                    guard let englishText = englishTexts[entry.key] else {
                        log.warning(at: SourceLocation(file: file.display, line: entry.line),
                                    "'\(entry.key)' is not a key of the English strings: nothing shows it",
                                    hint: Suggestion.hint(for: entry.key, in: englishOrder.map(\.key), noun: "keys"))
                        continue
                    }
                    // `{x_lowercase}` is `{x}` with a lower-case first letter, for a label inside a sentence.
                    // A plural form may show {count} or not ("1 page", "{count} page").
                    let plural: Set<String> = entry.key.hasSuffix("_one") || entry.key.hasSuffix("_other") ? ["count"] : []
                    let expected = Set(InterfaceStrings.placeholders(in: englishText).map(Self.base)).subtracting(plural)
                    let found = Set(InterfaceStrings.placeholders(in: entry.text).map(Self.base)).subtracting(plural)
                    if expected != found {
                        let names = { (set: Set<String>) in set.isEmpty ? "none" : set.sorted().map { "{\($0)}" }.joined(separator: ", ") }
                        log.warning(at: SourceLocation(file: file.display, line: entry.line),
                                    "'\(entry.key)' uses \(names(found)); the English uses \(names(expected))",
                                    hint: "the values in braces are filled in by Diligence: keep the English names, in any order")
                    }
                }
            }
        }
    }

    private static func base(_ placeholder: String) -> String {
        placeholder.hasSuffix("_lowercase") ? String(placeholder.dropLast("_lowercase".count)) : placeholder
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
