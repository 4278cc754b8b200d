@testable import DiligenceContent
@testable import DiligenceDefaults
@testable import DiligenceDiagnostics
@testable import DiligenceKit
@testable import DiligenceRender
@testable import DiligenceSupport
@testable import DiligenceTemplate
import Foundation
import XCTest

/// The interface's words from the theme's strings files: French pages and
/// dates for `language: fr`, a site's override of one key, and `check`'s
/// errors for a key a language lacks or a template names wrongly.
final class StringsTests: XCTestCase {
    private func builtIn(_ path: String) -> String { String(decoding: DefaultTemplates.files[path]!, as: UTF8.self) }

    /// The sample knowledge base with its site.yml in `language`.
    private func kb(language: String) throws -> TestSite {
        let site = try TestSite(fixture: "kb")
        let yaml = try String(contentsOfFile: site.content + "/site.yml", encoding: .utf8)
        try site.write("site.yml", yaml.replacingOccurrences(of: "language: en\n", with: "language: \(language)\n"))
        return site
    }

    /// A copy of the repository's templates folder with `changes` written over it.
    private func templates(in site: TestSite, _ changes: [String: String]) throws -> String {
        let folder = site.root.appendingPathComponent("site-templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSite.templates), to: folder)
        for (path, text) in changes { try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        return folder.path
    }

    private func lines(_ report: BuildReport, _ site: TestSite) -> [String] {
        report.diagnostics.map {
            let file = $0.location.file.replacingOccurrences(of: site.root.path + "/", with: "")
            return "\(file):\($0.location.line): \($0.severity.rawValue): \($0.message)"
        }
    }

    func testTheBuiltInLanguagesHaveTheSameKeysAndCheckCleanly() throws {
        let files = ThemeStrings.builtIn.files
        XCTAssertEqual(Set(files.map(\.language)), ["en", "fr"])
        let english = files.first { $0.language == "en" }!.entries.map(\.key)
        let french = files.first { $0.language == "fr" }!.entries.map(\.key)
        XCTAssertEqual(french, english, "fr.yml has English's keys, in the same order")
        XCTAssertEqual(Set(english).count, english.count, "no key twice")
        let log = DiagnosticLog()
        _ = ThemeStrings(theme: ThemeFiles(folder: TestSite.templates, required: true, log: log), log: log)
        XCTAssertEqual(log.diagnostics.map(\.message), [], "no missing key, unknown key or placeholder mismatch")
        // Every key a template names is one English has (else the templates would not compile), and every
        // English key is used by a template, the renderer or a script.
        let sources = try ["Sources/DiligenceRender", "Sources/DiligenceSearch", "templates", "templates/partials", "templates/assets"].flatMap { folder -> [String] in
            let url = TestSite.repository.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { !$0.hasSuffix(".yml") && !$0.hasSuffix(".css") }
                .compactMap { try? String(contentsOf: url.appendingPathComponent($0), encoding: .utf8) }
        }.joined()
        let unused = english.filter { key in
            let stem = key.replacingOccurrences(of: #"_(one|other)$"#, with: "", options: .regularExpression)
            return !sources.contains(key) && !sources.contains("\"" + stem + "\"")
                && !["month_", "kind_", "taxonomy_", "factor_status_", "risk_level_", "term_", "home_all_", "changes_note_"].contains { key.hasPrefix($0) }
        }
        XCTAssertEqual(unused, [], "keys nothing shows")
    }

    func testDatesAndCountsFollowTheLanguage() {
        let fr = ThemeStrings.builtIn.strings(for: "fr")
        let en = ThemeStrings.builtIn.strings(for: "en")
        XCTAssertEqual(fr.date(PartialDate(year: 2026, month: 11, day: 22)), "22 novembre 2026")
        XCTAssertEqual(en.date(PartialDate(year: 2026, month: 11, day: 22)), "22 November 2026")
        XCTAssertEqual(fr.date(PartialDate(year: 2022, month: 6)), "juin 2022")
        XCTAssertEqual(en.date(PartialDate(year: 2022, month: 6)), "June 2022")
        XCTAssertEqual(fr.date(PartialDate(year: 2024, month: 1, day: 1)), "1er janvier 2024")
        XCTAssertEqual(en.date(PartialDate(year: 2024, month: 1, day: 1)), "1 January 2024")
        XCTAssertEqual(fr.date(PartialDate(year: 2019)), "2019")
        XCTAssertEqual(fr.count("count_pages", 0), "0 page", "French: 0 takes the singular")
        XCTAssertEqual(en.count("count_pages", 0), "0 pages")
        XCTAssertEqual(fr.count("count_pages", 2), "2 pages")
        XCTAssertEqual(ThemeStrings.builtIn.strings(for: "fr-CA")["skip_to_content"], "Aller au contenu", "a regional variant uses its language")
        XCTAssertEqual(ThemeStrings.builtIn.strings(for: "de")["skip_to_content"], "Skip to content", "no file: English")
    }

    func testAFrenchSiteRendersTheInterfaceAndDatesInFrench() throws {
        let site = try kb(language: "fr")
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error || $0.location.file.contains("strings") }.map(\.message), [])
        let cn = try site.outputText("countries/cn.html")
        for expected in [
            "<html lang=\"fr\">",
            "<a class=\"skip-link\" href=\"#main\">Aller au contenu</a>",
            "<li><a href=\"../guidance/index.html\">Recommandations</a></li>",
            "<li><a href=\"../matrix.html\">Matrice des risques</a></li>",
            "<li><a href=\"../screening.html\">Examen préalable</a></li>",
            "<nav class=\"breadcrumbs wrap\" aria-label=\"Fil d’Ariane\">",
            "<li><a href=\"../index.html\">Accueil</a></li>",
            "<p class=\"kind\">Profil pays</p>",
            "<strong>Réexamen en retard.</strong> Dernier réexamen de ce profil\u{a0}: 1er janvier 2024, il y a plus de 12 mois.",
            "<dt>Risque global</dt><dd><span class=\"risk risk-high risk-rank-3\">Risque élevé</span>",
            "<dt>Dernier réexamen</dt><dd><time datetime=\"2024-01-01\">1er janvier 2024</time>",
            "<h2 id=\"risk-factors\">Facteurs de risque</h2>",
            "<th scope=\"col\">Facteur</th><th scope=\"col\">Statut</th><th scope=\"col\">Remarque</th><th scope=\"col\">Source</th>",
            "<span class=\"status\">Présent</span>",
            "(entrée en vigueur\u{a0}: juillet 2020)",
            "<h2 id=\"concerns\">Préoccupations documentées</h2>",
            "<span class=\"cited\">Source\u{a0}: <a class=\"cite\" href=\"#source-2\">Source 2</a></span>",
            "<h2 id=\"sources-title\">Sources</h2>",
            "Ce site propose des orientations en matière de diligence raisonnable",
            "<p class=\"edition\">Édition du <time",
        ] {
            XCTAssertTrue(cn.contains(expected), "missing: \(expected)")
        }
        XCTAssertTrue(try site.outputText("countries/us.html").contains("<time datetime=\"2026-11-22\">22 novembre 2026</time>"))
        let guidance = try site.outputText("guidance/review-end-user.html")
        XCTAssertTrue(guidance.contains("<p class=\"kind\">Recommandation</p>"))
        XCTAssertTrue(guidance.contains("de la procédure de diligence raisonnable</p>"))
        let product = try site.outputText("products/imsi-catchers.html")
        XCTAssertTrue(product.contains("<h2 id=\"red-flags\">Signaux d’alerte dans une transaction</h2>"))
        XCTAssertTrue(product.contains("<dt>Catégorie</dt>"))
        let matrix = try site.outputText("matrix.html")
        XCTAssertTrue(matrix.contains("<h1>Matrice des risques</h1>"))
        XCTAssertTrue(matrix.contains("avec une préoccupation documentée.</p>"))
        XCTAssertTrue(try site.outputText("screening.html").contains("<button type=\"button\" id=\"screening-print\" disabled>Imprimer la fiche</button>"))
        XCTAssertTrue(try site.outputText("404.html").contains("<h1>Page introuvable</h1>"))
        XCTAssertTrue(try site.outputText("risk-levels/high.html").contains("<h1>Risque élevé</h1>"))
        // The browser scripts' words, and the screening data's.
        // Each script starts with its own keys; strings-fr.js keeps them all
        // for a site's own base.mustache that still loads it.
        let search = try site.outputText("static/search.js")
        XCTAssertTrue(search.hasPrefix("window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {\n\"js_search_"), search)
        XCTAssertTrue(search.contains("\"js_search_show_more\": \"Afficher plus de résultats\""))
        XCTAssertFalse(search.contains("\"js_screening_"), "only the search's keys")
        let screeningScript = try site.outputText("static/screening.js")
        XCTAssertTrue(screeningScript.hasPrefix("window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {\n\"js_screening_"))
        XCTAssertFalse(screeningScript.contains("\"js_search_"), "only the screening's keys")
        let scripts = try site.outputText("static/strings-fr.js")
        XCTAssertTrue(scripts.hasPrefix("window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {"))
        XCTAssertTrue(scripts.contains("\"js_screening_red_flags\": "), scripts)
        XCTAssertTrue(scripts.contains("\"js_search_show_more\": "), scripts)
        XCTAssertFalse(scripts.contains("\"skip_to_content\""), "only the scripts' keys")
        XCTAssertFalse(cn.contains("strings-fr.js"), "no page loads the strings file")
        XCTAssertFalse(try site.outputText("screening.html").contains("strings-fr.js"), "no page loads the strings file")
        let data = try site.outputText("data/screening.js")
        XCTAssertTrue(data.contains("\"statusLabel\":\"Présent\""))
        XCTAssertTrue(data.contains("\"text\":\"Risque élevé\""))
        XCTAssertTrue(data.contains("\"reviewed\":\"1er janvier 2024\""))
        // The feed's entries.
        let feed = try site.outputText("feed.xml")
        XCTAssertTrue(feed.contains("label=\"Profil pays\""))
        XCTAssertTrue(feed.contains("<summary>Réexamen\u{a0}: 22 novembre 2026."), feed)
    }

    func testAnEnglishSiteKeepsItsWords() throws {
        let site = try kb(language: "en")
        defer { site.remove() }
        site.build()
        let cn = try site.outputText("countries/cn.html")
        XCTAssertTrue(cn.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"))
        XCTAssertTrue(cn.contains("<span class=\"risk risk-high risk-rank-3\">High risk</span>"))
        XCTAssertTrue(try site.outputText("static/search.js").contains("\"js_search_show_more\": \"Show more results\""))
    }

    func testASiteOverridesOneKeyAndNothingElseChanges() throws {
        let plain = try kb(language: "fr")
        defer { plain.remove() }
        plain.build()
        let site = try kb(language: "fr")
        defer { site.remove() }
        var options = site.options
        options.templates = try templates(in: site, [:])
        try "# ACME's own words\nskip_to_content: Passer au texte\n".write(toFile: options.templates! + "/strings/fr.yml", atomically: true, encoding: .utf8)
        let report = SiteBuilder(options: options).build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error || $0.location.file.contains("strings") }.map(\.message), [])
        for page in ["countries/cn.html", "products/imsi-catchers.html", "index.html"] {
            let before = try plain.outputText(page)
            let after = try site.outputText(page)
            XCTAssertTrue(after.contains(">Passer au texte</a>"))
            XCTAssertEqual(after.replacingOccurrences(of: ">Passer au texte</a>", with: ">Aller au contenu</a>"), before, page)
        }
    }

    func testAKeyALanguageLacksIsAnErrorAtItsFileAndLine() throws {
        let site = try kb(language: "en")
        defer { site.remove() }
        var options = site.options
        // The site adds a key to English (for its own template) but not to French.
        let english = builtIn("strings/en.yml").replacingOccurrences(of: "skip_to_content: Skip to content\n",
                                                                     with: "skip_to_content: Skip to content\nacme_notice: Internal use only\n")
        let french = builtIn("strings/fr.yml").replacingOccurrences(of: "\nnote: Remarque\n", with: "\nnote: \"Remarque {count}\"\n")
            + "acme_colour: bleu\n"
        options.templates = try templates(in: site, ["strings/en.yml": english, "strings/fr.yml": french])
        let report = SiteBuilder(options: options).check()
        let frenchLines = french.components(separatedBy: "\n")
        let line = frenchLines.firstIndex { $0.hasPrefix("skip_to_content:") }! + 1
        let note = frenchLines.firstIndex { $0.hasPrefix("note:") }! + 1
        XCTAssertEqual(lines(report, site).filter { $0.contains("strings/") }, [
            "site-templates/strings/fr.yml:\(line): error: strings file for 'fr' lacks the key 'acme_notice'",
            "site-templates/strings/fr.yml:\(note): warning: 'note' uses {count}; the English uses none",
            "site-templates/strings/fr.yml:\(frenchLines.count - 1): warning: 'acme_colour' is not a key of the English strings: nothing shows it",
        ])
        XCTAssertTrue(report.diagnostics.first { $0.message.contains("acme_notice") }?.hint?.contains("acme_notice: \"Internal use only\"") == true)
    }

    func testAStringsFileThatIsNotFlatYAMLIsAnError() throws {
        let site = try kb(language: "en")
        defer { site.remove() }
        var options = site.options
        options.templates = try templates(in: site, [:])
        let file = options.templates! + "/strings/de.yml"
        try "draft: Entwurf\nhint: Words: more words\n".write(toFile: file, atomically: true, encoding: .utf8)
        let syntax = lines(SiteBuilder(options: options).check(), site).filter { $0.contains("strings/") }
        XCTAssertEqual(syntax.count, 1, "\(syntax)")
        XCTAssertTrue(syntax.first?.hasPrefix("site-templates/strings/de.yml:2: error: YAML syntax error") == true, "\(syntax)")
        try "draft: Entwurf\nSkip: x\nnote:\n  - a list\n".write(toFile: file, atomically: true, encoding: .utf8)
        let shape = lines(SiteBuilder(options: options).check(), site).filter { $0.contains("strings/") && !$0.contains("lacks the key") }
        XCTAssertEqual(shape, [
            "site-templates/strings/de.yml:2: error: a strings key must be snake_case: lower-case letters, digits and '_'",
            "site-templates/strings/de.yml:4: error: 'note' must be one text, not a list or a mapping",
        ])
    }

    func testAnUnknownKeyInATemplateIsReportedAtItsTag() throws {
        let site = try kb(language: "en")
        defer { site.remove() }
        var options = site.options
        let toc = builtIn("partials/toc.mustache").replacingOccurrences(of: "{{t.on_this_page}}", with: "{{t.on_this_pgae}}")
        options.templates = try templates(in: site, ["partials/toc.mustache": toc])
        let report = SiteBuilder(options: options).check()
        let problems = report.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(problems.map { "\($0.location.file.replacingOccurrences(of: site.root.path + "/", with: "")):\($0.location.line):\($0.location.column): \($0.message)" },
                       ["site-templates/partials/toc.mustache:3:20: unknown name 't.on_this_pgae': no view here has it (looked up in InterfaceStrings)"])
        XCTAssertTrue(problems.first?.hint?.hasPrefix("did you mean 'on_this_page'?; the keys of t. are those of templates/strings/en.yml") == true)
        // A key the site's own en.yml adds may be used.
        let footer = builtIn("partials/footer.mustache").replacingOccurrences(of: "</footer>", with: "<p>{{t.acme_notice}}</p></footer>")
        let english = builtIn("strings/en.yml") + "acme_notice: Internal use only\n"
        let french = builtIn("strings/fr.yml") + "acme_notice: Usage interne\n"
        for (path, text) in ["partials/footer.mustache": footer, "partials/toc.mustache": builtIn("partials/toc.mustache"),
                             "strings/en.yml": english, "strings/fr.yml": french] {
            try text.write(toFile: options.templates! + "/" + path, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(SiteBuilder(options: options).build().diagnostics.filter { $0.severity == .error || $0.location.file.contains("strings") }.map(\.message), [])
        XCTAssertTrue(try site.outputText("index.html").contains("<p>Internal use only</p></footer>"))
    }

    func testALanguageWithNoStringsFileIsShownInEnglishWithAWarning() throws {
        let site = try kb(language: "de")
        defer { site.remove() }
        let lines = self.lines(site.check(), site).filter { $0.contains("strings") || $0.contains("site.yml") }
        let line = try String(contentsOfFile: site.content + "/site.yml", encoding: .utf8).components(separatedBy: "\n").firstIndex { $0.hasPrefix("language:") }! + 1
        XCTAssertEqual(lines, ["content/site.yml:\(line): warning: no strings file for language 'de': the interface is shown in English"])
        let report = site.build()
        XCTAssertEqual(report.diagnostics.filter { $0.message.contains("strings file") }.count, 1)
        XCTAssertTrue(try site.outputText("countries/cn.html").contains(">Skip to content</a>"))
        // A regional variant of a language the theme has: no warning.
        let canadian = try kb(language: "fr-CA")
        defer { canadian.remove() }
        XCTAssertEqual(self.lines(canadian.check(), canadian).filter { $0.contains("strings") || $0.contains("site.yml") }, [])
    }

    /// An item of a long list may read the strings (`t`, fixed for the build) and still be copied as a row.
    func testListItemsReadingTheStringsStayRows() {
        struct Item: TemplateObject {
            var name: String
            func value(named key: String) -> TemplateValue { key == "name" ? .text(name) : .missing }
            var reuseKey: UInt64? { StableHasher.hash(Array(name.utf8)) }
        }
        struct Page: TemplateObject {
            var items: [Item]
            var strings: InterfaceStrings
            var title = "Page"
            func value(named key: String) -> TemplateValue {
                switch key {
                case "items": return items.templateValue
                case "t": return strings.templateValue
                case "title": return .text(title)
                default: return .missing
                }
            }
            func isFixedForTheBuild(_ key: String) -> Bool { key == "t" }
        }
        let page = Page(items: [Item(name: "a"), Item(name: "b")], strings: ThemeStrings.builtIn.strings(for: "fr"))
        for (template, rows) in [("{{#items}}<li>{{name}} {{t.source}}</li>{{/items}}", 2), ("{{#items}}<li>{{name}} {{title}}</li>{{/items}}", 0)] {
            var parser = TemplateParser(TemplateSource(template))
            let parsed = try! parser.parse()
            var renderer = TemplateRenderer(templates: ["x": parsed])
            renderer.keepsRows = true
            renderer.render("x", with: page.templateValue)
            XCTAssertEqual(renderer.rows.count, rows, template)
        }
    }
}
