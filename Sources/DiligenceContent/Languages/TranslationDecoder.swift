import DiligenceDiagnostics
import DiligenceSupport
import Yams

/// Reads a translation (`<slug>.<lang>.md`, beside its original) onto the
/// original's decoded page: facts once, text per language. A translation
/// carries the texts — title (a country's `name`), summary, risk basis, the
/// list items of a product, the body — and inherits every other field. A
/// field it sets that is a fact of the original (risk, dates, URLs,
/// references, statuses…) must be written exactly as in the original, or it
/// is an error at its line; a list of texts must have as many items as the
/// original's, so item N translates item N.
package struct TranslationDecoder: Sendable {
    package var language: String

    package init(language: String) {
        self.language = language
    }

    /// Fields a translation writes in its own words.
    package static func textFields(for kind: PageKind) -> Set<String> {
        switch kind {
        case .country: return ["name", "summary", "risk_basis"]
        case .product: return ["title", "summary", "risk_basis", "capabilities", "misuse", "red_flags", "safeguards"]
        case .guidance, .page: return ["title", "summary"]
        }
    }

    /// Fields whose entries are facts with one text each, which a
    /// translation may write alone (`factors: {documented-abuses: {note: …}}`,
    /// `measures: [{measure: …}, …]`): the entry's other fields, if written,
    /// must be the original's; a list must have the original's length.
    package static func nestedTextFields(for kind: PageKind) -> [String: String] {
        switch kind {
        case .country: return ["factors": "note", "measures": "measure", "concerns": "basis"]
        case .product: return ["controls": "note"]
        case .guidance, .page: return [:]
        }
    }

    /// The translation's path for an original's (`guidance/red-flags.md` →
    /// `guidance/red-flags.fr.md`).
    package static func path(of original: String, in language: String) -> String {
        String(original.dropLast(3)) + "." + language + ".md"
    }

    /// The original's path and the language of a translation's path, when it is one.
    package static func original(of path: String) -> (original: String, language: String)? {
        // On the UTF-8 bytes: asked of every page path of every build, where
        // searching by Character (grapheme breaking) was 1.6 % of an
        // incremental build's CPU. "/" and "." are ASCII, so the indices
        // found are the string's own.
        guard path.hasSuffix(".md") else { return nil }
        let utf8 = path.utf8
        let end = utf8.index(utf8.endIndex, offsetBy: -3)
        guard let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/")),
              let dot = utf8[slash..<end].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let language = String(path[utf8.index(after: dot)..<end])
        guard !language.isEmpty else { return nil }
        return (String(path[..<dot]) + ".md", language)
    }

    /// The page in this language: `page` (decoded from `originalFile`) with
    /// the texts of `translation`. Nil when the translation has errors
    /// (reported to `log`).
    package func decode(_ translation: SourceFile, original page: Page, originalFile: SourceFile, log: DiagnosticLog) -> Page? {
        let fileLog = DiagnosticLog()
        defer { log.add(contentsOf: fileLog.diagnostics) }
        guard let parts = FrontMatterSplitter.split(translation, log: fileLog) else { return nil }
        let position = YAMLPosition(file: translation.displayPath, firstLine: parts.yamlFirstLine)
        let node = YAMLComposer.compose(parts.yaml, position: position, log: fileLog) ?? .mapping(Node.Mapping([]))
        var specs = FrontMatterSchema.fields(for: page.kind)
        for i in specs.indices { specs[i].required = false }
        guard !fileLog.hasErrors,
              let reader = MappingReader(node, specs: specs, what: "the front matter of a translation", position: position, log: fileLog)
        else { return nil }
        let originalFields = Self.originalFields(originalFile)
        let texts = Self.textFields(for: page.kind)
        let nested = Self.nestedTextFields(for: page.kind)
        guard case .mapping(let mapping) = node else { return nil }
        var nestedTexts: [String: [String: Located<String>]] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode, !texts.contains(key.string), key.string != "updated", !MappingReader.isNull(value) else { continue }
            let original = originalFields[key.string]
            if let textKey = nested[key.string] {
                nestedTexts[key.string] = entryTexts(key.string, textKey: textKey, value, original: original, reader: reader,
                                                     originalPath: originalFile.displayPath, log: fileLog)
                continue
            }
            if original.map({ Self.same($0, value) }) != true {
                fileLog.error(at: reader.location(of: value),
                              "'\(key.string)' is a fact kept in the original (\(originalFile.displayPath)); this translation sets it \(original == nil ? "although the original does not" : "differently")",
                              hint: "remove the line: a translation inherits '\(key.string)' from the original; change it there, for every language")
            }
        }
        var result = page
        result.file = translation.displayPath
        result.textLanguage = language
        if let title = reader.string(page.kind == .country ? "name" : "title") { result.title = title }
        if let summary = reader.string("summary") { result.summary = summary }
        let body = parts.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty {
            result.body = parts.body
            result.bodyFirstLine = parts.bodyFirstLine
        }
        switch page.details {
        case .product(var product):
            if let basis = reader.locatedString("risk_basis") { product.riskBasis = basis }
            for (i, note) in nestedTexts["controls"] ?? [:] { if let i = Int(i), product.controls.indices.contains(i) { product.controls[i].note = note } }
            product.capabilities = list("capabilities", product.capabilities, reader, fileLog)
            product.misuse = list("misuse", product.misuse, reader, fileLog)
            product.redFlags = list("red_flags", product.redFlags, reader, fileLog)
            product.safeguards = list("safeguards", product.safeguards, reader, fileLog)
            result.details = .product(product)
        case .country(var country):
            if let basis = reader.locatedString("risk_basis") { country.riskBasis = basis }
            let notes = nestedTexts["factors"] ?? [:]
            for i in country.factors.indices { if let note = notes[country.factors[i].factor] { country.factors[i].note = note } }
            for (i, text) in nestedTexts["measures"] ?? [:] { if let i = Int(i), country.measures.indices.contains(i) { country.measures[i].measure = text } }
            for (i, text) in nestedTexts["concerns"] ?? [:] { if let i = Int(i), country.concerns.indices.contains(i) { country.concerns[i].basis = text } }
            result.details = .country(country)
        case .guidance, .page:
            break
        }
        result.translationUpdated = reader.date("updated")
        return fileLog.hasErrors ? nil : result
    }

    /// The texts of a field of entries (`factors`, `measures`…), by factor
    /// id or by item number; every other field an entry writes is checked
    /// against the original's.
    private func entryTexts(_ key: String, textKey: String, _ value: Node, original: Node?, reader: MappingReader,
                            originalPath: String, log: DiagnosticLog) -> [String: Located<String>] {
        var pairs: [(String, Node, Node?)] = []
        switch (value, original) {
        case (.mapping(let entries), .mapping(let originals)?):
            for (idNode, entry) in entries {
                let id = idNode.string ?? ""
                let match = originals.first { $0.key.string == id }?.value
                if match == nil {
                    log.error(at: reader.location(of: idNode), "'\(key)' of the original (\(originalPath)) has no '\(id)'",
                              hint: "a translation gives the \(textKey) of the original's entries; add '\(id)' to the original first")
                    continue
                }
                pairs.append((id, entry, match))
            }
        case (.sequence(let items), .sequence(let originals)?):
            guard items.count == originals.count else {
                log.error(at: reader.location(of: value), "'\(key)' has \(items.count) item\(items.count == 1 ? "" : "s") here and \(originals.count) in the original",
                          hint: "translate each item of the original, in the same order: item N of a translation stands for item N of the original")
                return [:]
            }
            for (i, item) in items.enumerated() { pairs.append((String(i), item, originals[i])) }
        default:
            log.error(at: reader.location(of: value), "'\(key)' is written differently from the original (\(originalPath))",
                      hint: "give the same entries as the original, each with its '\(textKey)' translated")
            return [:]
        }
        var texts: [String: Located<String>] = [:]
        for (id, entry, match) in pairs {
            guard case .mapping(let fields) = entry else {
                log.error(at: reader.location(of: entry), "an entry of '\(key)' must be a set of 'key: value' fields")
                continue
            }
            for (fieldNode, fieldValue) in fields {
                let field = fieldNode.string ?? ""
                if field == textKey {
                    if let text = reader.scalarString(fieldValue, field: key + "." + textKey) {
                        texts[id] = Located(text, at: reader.location(of: fieldValue))
                    }
                    continue
                }
                let same = { () -> Bool in
                    guard case .mapping(let originalFields)? = match, let other = originalFields.first(where: { $0.key.string == field })?.value else { return false }
                    return Self.same(other, fieldValue)
                }()
                if !same {
                    log.error(at: reader.location(of: fieldValue),
                              "'\(field)' of '\(key)' is a fact kept in the original (\(originalPath)); this translation sets it differently",
                              hint: "remove the line: a translation writes only the '\(textKey)' of each entry")
                }
            }
        }
        return texts
    }

    /// A translated list: as many items as the original's, or an error.
    private func list(_ key: String, _ original: [Located<String>], _ reader: MappingReader, _ log: DiagnosticLog) -> [Located<String>] {
        guard let node = reader.node(key) else { return original }
        let items = reader.stringList(key)
        guard items.count == original.count else {
            log.error(at: reader.location(of: node),
                      "'\(key)' has \(items.count) item\(items.count == 1 ? "" : "s") here and \(original.count) in the original",
                      hint: "translate each item of the original, in the same order: item N of a translation stands for item N of the original")
            return original
        }
        return items
    }

    /// The original's front-matter fields as YAML nodes.
    private static func originalFields(_ file: SourceFile) -> [String: Node] {
        let log = DiagnosticLog()
        guard let parts = FrontMatterSplitter.split(file, log: log),
              case .mapping(let mapping)? = YAMLComposer.compose(parts.yaml, position: YAMLPosition(file: file.displayPath, firstLine: parts.yamlFirstLine), log: log)
        else { return [:] }
        var fields: [String: Node] = [:]
        for (key, value) in mapping { if case .scalar(let k) = key { fields[k.string] = value } }
        return fields
    }

    /// Two YAML values are the same fact: same scalars, same structure
    /// (styles, quoting and comments do not count).
    static func same(_ a: Node, _ b: Node) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x.string == y.string
        case (.sequence(let x), .sequence(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            return zip(x, y).allSatisfy { same($0.key, $1.key) && same($0.value, $1.value) }
        case (.alias, _), (_, .alias): return false
        default: return false
        }
    }
}
