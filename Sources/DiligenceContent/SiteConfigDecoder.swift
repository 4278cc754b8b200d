import DiligenceDiagnostics
import DiligenceSupport
import Foundation
import Yams

/// Decodes and validates `site.yml`.
package enum SiteConfigDecoder {
    package static let fields: [FieldSpec] = [
        FieldSpec("title", .string, required: true, "Site title, in every page header."),
        FieldSpec("description", .string, required: true, "One sentence for search engines and link previews."),
        FieldSpec("language", .string, required: true, "BCP 47 language tag for the html lang attribute."),
        FieldSpec("base_url", .url, "Absolute URL the site is published at; used only for sitemap and feed."),
        FieldSpec("review_interval_months", .integer(minimum: 1), required: true, "A country profile reviewed longer ago is flagged overdue."),
        FieldSpec("risk_levels", .list(.string), required: true, "Risk levels, lowest first."),
        FieldSpec("regions", .map(keys: "id", value: .string), required: true, "Regions: id → label."),
        FieldSpec("categories", .map(keys: "id", value: .string), required: true, "Product categories: id → label."),
        FieldSpec("factors", .map(keys: "id", value: .string), required: true, "Country risk factors: id → label phrased as the risk."),
        FieldSpec("regimes", .map(keys: "id", value: .string), required: true, "Export-control and policy regimes: id → label."),
        FieldSpec("branding", .object(brandingFields), "Logo, accent colours and footer line for the built-in templates (docs/templates.md)."),
        FieldSpec("languages", .map(keys: "language code", value: .object(languageFields)),
                  "Other languages of the site (docs/content-model.md, \"Languages\"): code → title, description and vocabulary labels."),
    ]

    package static let languageFields: [FieldSpec] = [
        FieldSpec("name", .string, "The language's name in itself, for the language switcher (Français)."),
        FieldSpec("title", .string, "The site title in this language."),
        FieldSpec("description", .string, "The site description in this language."),
        FieldSpec("regions", .map(keys: "regions", value: .string), "Region labels: id → label."),
        FieldSpec("categories", .map(keys: "categories", value: .string), "Category labels: id → label."),
        FieldSpec("factors", .map(keys: "factors", value: .string), "Risk-factor labels: id → label."),
        FieldSpec("regimes", .map(keys: "regimes", value: .string), "Regime labels: id → label."),
        FieldSpec("risk_levels", .map(keys: "risk_levels", value: .string), "Risk-level labels: id → label, `unknown` included."),
    ]

    package static let brandingFields: [FieldSpec] = [
        FieldSpec("logo", .string, "A file of the content's assets/ folder (assets/logo.svg), shown before the site title."),
        FieldSpec("accent", .string, "Link and focus colour, #rrggbb; at least 4.5:1 against the light backgrounds."),
        FieldSpec("accent_dark", .string, "The same in the dark colour scheme; at least 4.5:1 against the dark backgrounds."),
        FieldSpec("footer", .string, "A line of text in every page's footer."),
    ]

    /// Reads `<content>/site.yml` alone (for commands that need only the
    /// vocabularies: `new`, `schema`).
    package static func load(content: String, log: DiagnosticLog) -> SiteConfig? {
        let path = content + "/site.yml"
        guard let data = FileManager.default.contents(atPath: path) else {
            log.error(at: SourceLocation(file: path), "site.yml not found",
                      hint: "run the command where your 'content/' folder is, or name it with --content DIR")
            return nil
        }
        return decode(SourceFile(relativePath: "site.yml", displayPath: path, bytes: [UInt8](data)), log: log)
    }

    package static func decode(_ file: SourceFile, log: DiagnosticLog) -> SiteConfig? {
        var bytes = file.bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let bad = FrontMatterSplitter.firstInvalidUTF8(bytes) {
            log.error(at: SourceLocation(file: file.displayPath, line: bad.line, column: bad.column),
                      "file is not valid UTF-8", hint: "save the file as UTF-8 in your editor")
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self).replacingCRLF
        let position = YAMLPosition(file: file.displayPath, firstLine: 1)
        guard let node = YAMLComposer.compose(text, position: position, log: log) else {
            if !log.hasErrors { log.error(at: position.location(nil), "site.yml is empty") }
            return nil
        }
        guard let reader = MappingReader(node, specs: fields, what: "site.yml", position: position, log: log) else { return nil }
        let errorsBefore = log.diagnostics.errorCount
        let title = reader.string("title")
        let description = reader.string("description")
        let language = reader.string("language")
        let baseURL = reader.url("base_url")
        let interval = reader.integer("review_interval_months", minimum: 1)
        var riskTerms: [Vocabulary.Term] = []
        for item in reader.stringList("risk_levels") {
            if !isID(item.value) {
                log.error(at: item.location, "'\(item.value)' is not a valid id", hint: idHint)
            } else if riskTerms.contains(where: { $0.id == item.value }) {
                log.error(at: item.location, "risk level '\(item.value)' is listed twice")
            } else {
                riskTerms.append(.init(id: item.value, label: item.value.prefix(1).uppercased() + item.value.dropFirst()))
            }
        }
        let regions = vocabulary("regions", reader)
        let categories = vocabulary("categories", reader)
        let factors = vocabulary("factors", reader)
        let regimes = vocabulary("regimes", reader)
        let branding = reader.node("branding").flatMap { decodeBranding($0, reader: reader, position: position) } ?? Branding()
        guard log.diagnostics.errorCount == errorsBefore,
              let title, let description, let language, let interval else { return nil }
        var site = SiteConfig(title: title, description: description, language: language, baseURL: baseURL,
                              reviewIntervalMonths: interval, riskLevels: Vocabulary(riskTerms), regions: regions,
                              categories: categories, factors: factors, regimes: regimes)
        site.branding = branding
        if let node = reader.node("languages") {
            let languages = decodeLanguages(node, site: site, reader: reader, position: position)
            guard log.diagnostics.errorCount == errorsBefore else { return nil }
            site.languages = languages
        }
        return site
    }

    /// `languages:`: each entry checked for a title and description and a
    /// label for every id of every vocabulary (a missing one is an error at
    /// the entry, naming the ids). The default language may be listed, for
    /// its `name`; its texts are site.yml's own.
    private static func decodeLanguages(_ node: Node, site: SiteConfig, reader: MappingReader, position: YAMLPosition) -> [SiteLanguage] {
        let log = reader.log
        var result = [site.languages[0]]
        guard case .mapping(let mapping) = node else {
            log.error(at: reader.location(of: node), "'languages' must be a set of 'code:' entries",
                      hint: "write e.g.\nlanguages:\n  fr:\n    title: …\n    description: …")
            return result
        }
        for (codeNode, entryNode) in mapping {
            guard let code = reader.scalarString(codeNode, field: "languages") else { continue }
            let at = reader.location(of: codeNode)
            guard isLanguageCode(code) else {
                log.error(at: at, "'\(code)' is not a language code", hint: "use a lower-case ISO 639-1 code such as fr, de or es")
                continue
            }
            guard let fields = MappingReader(entryNode, specs: languageFields, what: "language '\(code)'", position: position, log: log) else { continue }
            let name = fields.string("name") ?? SiteLanguage.nativeName(code)
            if code == site.language {
                result[0].name = name
                continue
            }
            if result.contains(where: { $0.code == code }) {
                log.error(at: at, "language '\(code)' is listed twice")
                continue
            }
            let title = fields.string("title"), description = fields.string("description")
            for (key, value) in [("title", title), ("description", description)] where value == nil {
                log.error(at: at, "language '\(code)' has no \(key)", hint: "add '\(key):' with the site's \(key) in this language")
            }
            var labels: [String: [String: String]] = [:]
            let vocabularies: [(String, [String])] = [
                ("regions", site.regions.ids), ("categories", site.categories.ids), ("factors", site.factors.ids),
                ("regimes", site.regimes.ids), ("risk_levels", site.riskLevels.ids + [SiteConfig.unknownRisk]),
            ]
            for (name, ids) in vocabularies {
                var found: [String: String] = [:]
                if let labelsNode = fields.node(name) {
                    guard case .mapping(let pairs) = labelsNode else {
                        log.error(at: fields.location(of: labelsNode), "'\(name)' must be a set of 'id: label' lines")
                        continue
                    }
                    for (idNode, labelNode) in pairs {
                        guard let id = fields.scalarString(idNode, field: name), let label = fields.scalarString(labelNode, field: name) else { continue }
                        guard ids.contains(id) else {
                            log.error(at: fields.location(of: idNode), "'\(id)' is not an id of \(name) in site.yml",
                                      hint: "the ids are: " + ids.joined(separator: ", "))
                            continue
                        }
                        found[id] = label
                    }
                }
                let missing = ids.filter { found[$0] == nil }
                if !missing.isEmpty {
                    let where_ = fields.node(name).map(fields.location(of:)) ?? at
                    log.error(at: where_, "language '\(code)' has no label for \(name): \(missing.joined(separator: ", "))",
                              hint: "add '\(missing[0]): <label in this language>' under \(name) of language '\(code)'")
                }
                labels[name] = found
            }
            result.append(SiteLanguage(code: code, name: name, title: title ?? "", description: description ?? "", labels: labels))
        }
        return result
    }

    /// `fr`, `de`, `pt-br`: ISO 639-1 and an optional region, lower case.
    package static func isLanguageCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 2, first.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return false }
        return parts.count == 1 || (parts.count == 2 && parts[1].count == 2 && parts[1].utf8.allSatisfy { $0 >= 97 && $0 <= 122 })
    }

    /// `branding`, its colours checked for contrast where links sit on them.
    private static func decodeBranding(_ node: Node, reader: MappingReader, position: YAMLPosition) -> Branding? {
        guard let fields = MappingReader(node, specs: brandingFields, what: "branding", position: position, log: reader.log) else { return nil }
        var branding = Branding(logo: fields.locatedString("logo"), footer: fields.string("footer"))
        for (key, backgrounds, lighter) in [("accent", Branding.lightBackgrounds, false), ("accent_dark", Branding.darkBackgrounds, true)] {
            guard let colour = fields.locatedString(key) else { continue }
            guard let rgb = ColourContrast.rgb(colour.value) else {
                reader.log.error(at: colour.location, "'\(colour.value)' is not a colour", hint: "write it as #rrggbb, like #0b57d0")
                continue
            }
            let grounds = backgrounds.compactMap(ColourContrast.rgb)
            let worst = zip(backgrounds, grounds).map { ($0, ColourContrast.ratio(rgb, $1)) }.min { $0.1 < $1.1 }!
            if worst.1 < 4.5 {
                let better = ColourContrast.adjusted(rgb, against: grounds, minimum: 4.5, lighter: lighter)
                reader.log.error(at: colour.location,
                                 "\(key) \(colour.value) has a contrast of \(String(format: "%.2f", worst.1)):1 against the \(lighter ? "dark" : "light") background \(worst.0); link text needs at least 4.5:1 (WCAG AA)",
                                 hint: "use a \(lighter ? "lighter" : "darker") shade, such as \(better)")
                continue
            }
            let normalised = Located(ColourContrast.hex(rgb), at: colour.location)
            if key == "accent" { branding.accent = normalised } else { branding.accentDark = normalised }
        }
        return branding
    }

    package static let idHint = "ids are lower-case ASCII letters, digits and hyphens, like east-asia-pacific"

    package static func isID(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    private static func vocabulary(_ key: String, _ reader: MappingReader) -> Vocabulary {
        guard let node = reader.node(key) else { return Vocabulary([]) }
        guard case .mapping(let mapping) = node else {
            reader.log.error(at: reader.location(of: node), "'\(key)' must be a set of 'id: label' lines")
            return Vocabulary([])
        }
        var terms: [Vocabulary.Term] = []
        for (idNode, labelNode) in mapping {
            guard let id = reader.scalarString(idNode, field: key), let label = reader.scalarString(labelNode, field: key) else { continue }
            if !isID(id) {
                reader.log.error(at: reader.location(of: idNode), "'\(id)' is not a valid id in '\(key)'", hint: idHint)
                continue
            }
            terms.append(.init(id: id, label: label))
        }
        return Vocabulary(terms)
    }
}

extension String {
    package var replacingCRLF: String {
        contains("\r") ? replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : self
    }
}
