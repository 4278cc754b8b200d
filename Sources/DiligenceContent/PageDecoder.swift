import DiligenceDiagnostics
import DiligenceSupport
import Yams

/// Turns one content file into a typed `Page`, checking every rule of the
/// content model that can be checked within the file. Problems go to the log;
/// a file with errors yields no page.
package struct PageDecoder: Sendable {
    package var site: SiteConfig
    /// "Today", for the review-overdue warning.
    package var today: PartialDate

    package init(site: SiteConfig, today: PartialDate) {
        self.site = site
        self.today = today
    }

    /// The page id a content path stands for (`countries/cn.md` → country `cn`).
    package static func pageID(forPath relativePath: String) -> PageID? {
        if relativePath.utf8.allSatisfy({ $0 < 0x80 }) {
            // Every link to a page asks: split by byte (in ASCII a character is one).
            let parts = relativePath.utf8.split(separator: UInt8(ascii: "/"))
            guard parts.count == 2, let kind = PageKind(folder: String(Substring(parts[0]))),
                  parts[1].count >= 3, parts[1].suffix(3).elementsEqual(".md".utf8) else { return nil }
            return PageID(kind, String(Substring(parts[1].dropLast(3))))
        }
        return pageIDByCharacter(forPath: relativePath)
    }

    /// `pageID(forPath:)` for any path.
    static func pageIDByCharacter(forPath relativePath: String) -> PageID? {
        let parts = relativePath.split(separator: "/")
        guard parts.count == 2, let kind = PageKind(folder: String(parts[0])), parts[1].hasSuffix(".md") else { return nil }
        return PageID(kind, String(parts[1].dropLast(3)))
    }

    package static func isSlug(_ s: String) -> Bool { SiteConfigDecoder.isID(s) }

    package func decode(_ file: SourceFile, log: DiagnosticLog) -> Page? {
        guard let id = PageDecoder.pageID(forPath: file.relativePath) else { return nil }
        let fileStart = SourceLocation(file: file.displayPath, line: 1, column: 1)
        let fileLog = DiagnosticLog()
        defer { log.add(contentsOf: fileLog.diagnostics) }

        if !PageDecoder.isSlug(id.slug) {
            fileLog.error(at: fileStart, "file name '\(id.slug).md' is not a valid slug",
                          hint: "rename it with lower-case ASCII letters, digits and hyphens, e.g. '\(PageDecoder.suggestedSlug(id.slug)).md'")
        }
        if id.kind == .country, !CountryCodes.isValid(id.slug.uppercased()) || id.slug != id.slug.lowercased() {
            fileLog.error(at: fileStart, "country file name '\(id.slug).md' is not a lower-case ISO 3166-1 alpha-2 code",
                          hint: CountryCodes.hint(for: id.slug))
        }
        guard let parts = FrontMatterSplitter.split(file, log: fileLog) else { return nil }
        let position = YAMLPosition(file: file.displayPath, firstLine: parts.yamlFirstLine)
        let what = "\(id.kind == .page ? "a page" : "a " + id.kind.label.lowercased() + " page")"
        let node = YAMLComposer.compose(parts.yaml, position: position, log: fileLog)
            ?? (fileLog.hasErrors ? nil : Node.mapping(Node.Mapping([])))
        guard let node,
              let reader = MappingReader(node, specs: FrontMatterSchema.fields(for: id.kind), what: "the front matter of " + what,
                                         position: position, log: fileLog)
        else { return nil }

        let title = id.kind == .country ? reader.string("name") : reader.string("title")
        let summary = reader.string("summary")
        if let summary, summary.count > 300, let node = reader.node("summary") {
            fileLog.warning(at: reader.location(of: node), "summary is \(summary.count) characters, over 300",
                            hint: "shorten it: it is shown in lists, search results and link previews")
        }
        let tags = reader.stringList("tags").map(\.value)
        let sources = decodeSources(reader)
        let updated = reader.date("updated")
        let draft = reader.boolean("draft") ?? false

        let details: PageDetails?
        switch id.kind {
        case .guidance:
            details = reader.integer("order", minimum: 1).map {
                .guidance(GuidanceStep(order: $0, related: reader.stringList("related")))
            }
        case .product:
            details = decodeProduct(reader).map(PageDetails.product)
        case .country:
            details = decodeCountry(reader, slug: id.slug, sources: sources).map(PageDetails.country)
        case .page:
            details = .page
        }
        reportPlaceholders(in: parts.body, firstLine: parts.bodyFirstLine, file: file.displayPath, log: fileLog)
        guard !fileLog.hasErrors, let title, let summary, let details else { return nil }
        return Page(id: id, file: file.displayPath, title: title, summary: summary, tags: tags, sources: sources,
                    updated: updated, draft: draft, details: details, body: parts.body, bodyFirstLine: parts.bodyFirstLine)
    }

    /// A body line that starts with the scaffold's placeholder marker is an
    /// error, so a page written by `diligence new` cannot be published half done.
    private func reportPlaceholders(in body: String, firstLine: Int, file: String, log: DiagnosticLog) {
        guard Scaffold.mayContainPlaceholder(body) else { return }
        var line = firstLine
        for text in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(Scaffold.placeholder) {
                log.error(at: SourceLocation(file: file, line: line, column: text.count - trimmed.count + 1),
                          "placeholder text left in the body: \(trimmed.prefix(60))",
                          hint: "write this part of the page, or delete the line")
            }
            line += 1
        }
    }

    private func decodeSources(_ reader: MappingReader) -> [Source] {
        reader.list("sources").compactMap { item in
            guard let source = MappingReader(item, specs: FrontMatterSchema.source, what: "a source",
                                             position: reader.position, log: reader.log) else { return nil }
            // Read every field before deciding, so each problem is reported.
            let title = source.string("title"), publisher = source.string("publisher")
            let date = source.date("date"), url = source.url("url"), reference = source.string("reference")
            guard let title else { return nil }
            if url == nil, reference == nil, source.node("url") == nil {
                reader.log.warning(at: reader.location(of: item), "source '\(title.prefix(60))' has no URL: readers cannot check it",
                                   hint: "add 'url:' with the address of the document, or 'reference:' with an official document number a reader can look up (e.g. FR Doc 2021-24123)")
            }
            return Source(title: title, publisher: publisher, date: date, url: url, reference: reference, location: reader.location(of: item))
        }
    }

    private func decodeProduct(_ reader: MappingReader) -> ProductRisk? {
        let category = reader.vocabularyID("category", in: site.categories, vocabularyName: "categories")
        let risk = reader.vocabularyID("risk", in: site.riskLevelsWithUnknown, vocabularyName: "risk levels")
        let controls: [ControlEntry] = reader.list("controls").compactMap { item in
            guard let control = MappingReader(item, specs: FrontMatterSchema.control, what: "a control entry",
                                              position: reader.position, log: reader.log),
                  let regime = control.vocabularyID("regime", in: site.regimes, vocabularyName: "regimes") else { return nil }
            return ControlEntry(regime: regime, entry: control.string("entry"), note: control.locatedString("note"))
        }
        let countries = reader.stringList("countries")
        for code in countries where !CountryCodes.isValid(code.value.uppercased()) {
            reader.log.error(at: code.location, "'\(code.value)' is not an ISO 3166-1 alpha-2 country code",
                             hint: CountryCodes.hint(for: code.value))
        }
        requireSources(reader, what: "a product page")
        let riskBasis = self.riskBasis(reader, risk: risk)
        let product = ProductRisk(
            category: category ?? "", risk: risk ?? "", riskLocation: reader.node("risk").map(reader.location(of:)), riskBasis: riskBasis,
            capabilities: reader.stringList("capabilities"), misuse: reader.stringList("misuse"),
            redFlags: reader.stringList("red_flags"), safeguards: reader.stringList("safeguards"),
            controls: controls, countries: countries, guidance: reader.stringList("guidance"))
        return category != nil && risk != nil ? product : nil
    }

    private func decodeCountry(_ reader: MappingReader, slug: String, sources: [Source]) -> CountryProfile? {
        let code = reader.locatedString("country")
        if let code {
            if !CountryCodes.isValid(code.value) {
                if CountryCodes.isValid(code.value.uppercased()) {
                    reader.log.error(at: code.location, "country code '\(code.value)' must be upper case",
                                     hint: "write '\(code.value.uppercased())'")
                } else {
                    reader.log.error(at: code.location, "'\(code.value)' is not an ISO 3166-1 alpha-2 country code",
                                     hint: CountryCodes.hint(for: code.value))
                }
            } else if code.value.lowercased() != slug {
                reader.log.error(at: code.location, "country code '\(code.value)' does not match the file name '\(slug).md'",
                                 hint: "name the file '\(code.value.lowercased()).md', or correct the code")
            }
        }
        requireSources(reader, what: "a country profile")
        let region = reader.vocabularyID("region", in: site.regions, vocabularyName: "regions")
        let risk = reader.vocabularyID("risk", in: site.riskLevelsWithUnknown, vocabularyName: "risk levels")
        let riskBasis = self.riskBasis(reader, risk: risk)
        let factors = decodeFactors(reader, sourceCount: sources.count)
        let regimes = reader.list("regimes").compactMap {
            reader.vocabularyID($0, field: "regimes", in: site.regimes, vocabularyName: "regimes")
        }
        let measures: [Measure] = reader.list("measures").compactMap { item in
            guard let m = MappingReader(item, specs: FrontMatterSchema.measure, what: "a measure",
                                        position: reader.position, log: reader.log) else { return nil }
            let authority = m.string("authority"), measure = m.locatedString("measure")
            let date = m.date("date"), url = m.url("url"), restricts = m.boolean("restricts_exports") ?? false
            let source = evidence(m, sourceCount: sources.count)
            if m.node("url") == nil, m.node("source") == nil {
                reader.log.error(at: reader.location(of: item), "measure cites no source",
                                 hint: "add 'url:' with the primary source, or 'source:' with the number of an entry in 'sources'")
            }
            guard let authority, let measure else { return nil }
            return Measure(authority: authority, measure: measure, date: date, url: url, source: source, restrictsExports: restricts)
        }
        let concerns = decodeConcerns(reader, sourceCount: sources.count)
        let reviewed = reader.date("reviewed")
        if let reviewed, let node = reader.node("reviewed") {
            if reviewed > today {
                reader.log.error(at: reader.location(of: node), "'reviewed' (\(reviewed)) is in the future")
            } else if reviewed.months(until: today) >= site.reviewIntervalMonths {
                reader.log.warning(at: reader.location(of: node),
                                   "profile was last reviewed on \(reviewed), over \(site.reviewIntervalMonths) months ago",
                                   hint: "check every factor and source again, then set 'reviewed' to today's date")
            }
        }
        let products = reader.stringList("products"), reviewedBy = reader.string("reviewed_by")
        guard let code, let region, let risk, let reviewed else { return nil }
        checkCountryRule(reader, risk: risk, factors: factors, measures: measures, concerns: concerns.count)
        return CountryProfile(country: code.value, region: region, risk: risk, riskBasis: riskBasis, factors: factors,
                              regimes: regimes, measures: measures, products: products, concerns: concerns,
                              reviewed: reviewed, reviewedBy: reviewedBy)
    }

    /// An empty `sources:` list, where at least one is required.
    private func requireSources(_ reader: MappingReader, what: String) {
        if case .sequence(let list)? = reader.node("sources"), list.isEmpty {
            reader.log.error(at: reader.keyLocation("sources"), "\(what) needs at least one source",
                             hint: "add an entry with title, publisher, date and url under 'sources:'")
        }
    }

    /// `risk_basis`, which a rating other than `unknown` must have.
    private func riskBasis(_ reader: MappingReader, risk: String?) -> Located<String>? {
        let basis = reader.locatedString("risk_basis")
        if let risk, risk != "unknown", basis == nil, let node = reader.node("risk") {
            reader.log.error(at: reader.location(of: node), "risk is '\(risk)' but 'risk_basis' is missing",
                             hint: "add 'risk_basis:' saying which rule of the methodology page gives '\(risk)' and on which cited sources, or set 'risk: unknown'")
        }
        return basis
    }

    /// The country's `risk` against the methodology's written rule.
    private func checkCountryRule(_ reader: MappingReader, risk: String, factors: [FactorAssessment], measures: [Measure], concerns: Int) {
        guard site.riskLevels.ids == RatingRule.levels, let node = reader.node("risk") else { return }
        let rule = RatingRule.countryLevel(factors: factors, factorIDs: site.factors.ids, measures: measures, concerns: concerns)
        guard rule.level != risk else { return }
        reader.log.error(at: reader.location(of: node), "risk is '\(risk)' but the written country rule gives '\(rule.level)': \(rule.reason)",
                         hint: "set 'risk: \(rule.level)' and say why in 'risk_basis', or correct the factors, measures and concerns; the rule is on the methodology page")
    }

    /// `source:` as a URL or the number of an entry in `sources`; reported when it is neither.
    private func evidence(_ entry: MappingReader, sourceCount: Int) -> Evidence? {
        guard let node = entry.node("source"), let text = entry.scalarString(node, field: "source") else { return nil }
        if let n = Int(text) {
            if sourceCount > 0, (1...sourceCount).contains(n) { return .sourceIndex(n) }
            entry.log.error(at: entry.location(of: node), "source \(n) does not exist: the page lists \(sourceCount) source\(sourceCount == 1 ? "" : "s")",
                            hint: "use the number (from 1) of an entry in 'sources', or a URL")
            return nil
        }
        if URLCheck.isAllowedExternal(text) { return .url(text) }
        entry.log.error(at: entry.location(of: node), "'source' must be an http(s) URL or the number of an entry in 'sources', not '\(text)'")
        return nil
    }

    private func decodeConcerns(_ reader: MappingReader, sourceCount: Int) -> [Concern] {
        reader.list("concerns").compactMap { item in
            guard let entry = MappingReader(item, specs: FrontMatterSchema.concern, what: "a concern",
                                            position: reader.position, log: reader.log) else { return nil }
            let products = entry.stringList("products")
            let categories = entry.list("categories").compactMap { node in
                entry.vocabularyID(node, field: "categories", in: site.categories, vocabularyName: "categories")
                    .map { Located($0, at: entry.location(of: node)) }
            }
            let basis = entry.locatedString("basis"), source = evidence(entry, sourceCount: sourceCount)
            if entry.node("products") == nil, entry.node("categories") == nil {
                reader.log.error(at: reader.location(of: item), "a concern names no product and no category",
                                 hint: "add 'products:' (product slugs) or 'categories:' (ids of categories in site.yml): the matrix shows the concern in their columns")
            }
            guard let basis, let source else { return nil }
            return Concern(products: products, categories: categories, basis: basis, source: source, location: reader.location(of: item))
        }
    }

    private func decodeFactors(_ reader: MappingReader, sourceCount: Int) -> [FactorAssessment] {
        guard let node = reader.node("factors") else { return [] }
        guard case .mapping(let mapping) = node else {
            reader.log.error(at: reader.location(of: node), "'factors' must be a set of 'factor-id:' entries, not \(MappingReader.describe(node))")
            return []
        }
        var result: [FactorAssessment] = []
        for (keyNode, value) in mapping {
            guard let factor = reader.scalarString(keyNode, field: "factors") else { continue }
            guard site.factors.contains(factor) else {
                reader.log.error(at: reader.location(of: keyNode), "'\(factor)' is not one of the factors in site.yml",
                                 hint: Suggestion.hint(for: factor, in: site.factors.ids))
                continue
            }
            guard let entry = MappingReader(value, specs: FrontMatterSchema.factor, what: "factor '\(factor)'",
                                            position: reader.position, log: reader.log) else { continue }
            var status: FactorStatus?
            if let node = entry.node("status"), let text = entry.scalarString(node, field: "status") {
                status = FactorStatus(rawValue: text)
                if status == nil {
                    reader.log.error(at: entry.location(of: node), "'\(text)' is not a factor status",
                                     hint: Suggestion.hint(for: text, in: FactorStatus.allCases.map(\.rawValue)))
                }
            }
            let evidence = self.evidence(entry, sourceCount: sourceCount)
            if let status, status != .unknown, evidence == nil, entry.node("source") == nil {
                reader.log.error(at: reader.location(of: keyNode), "factor '\(factor)' is '\(status.rawValue)' but cites no source",
                                 hint: "add 'source:' (a URL or the number of an entry in 'sources'), or set the status to 'unknown'")
            }
            if let status {
                result.append(FactorAssessment(factor: factor, status: status, note: entry.locatedString("note"), source: evidence,
                                               location: reader.location(of: keyNode)))
            }
        }
        let order = site.factors.ids
        return result.sorted { (order.firstIndex(of: $0.factor) ?? 0) < (order.firstIndex(of: $1.factor) ?? 0) }
    }

    package static func suggestedSlug(_ s: String) -> String {
        var out = ""
        for scalar in s.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "page" : out
    }
}
