@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceKit
@testable import DiligencePublish
@testable import DiligenceSupport
import Foundation
import XCTest

/// A site in two languages (issue 23): translations beside their originals,
/// facts kept once, each language in its own folder.
final class LanguageTests: XCTestCase {
    typealias Workspace = IncrementalBuildTests.Workspace

    static let french = """
    languages:
      fr:
        name: Français
        title: Base de test
        description: Une base de test.
        regions: {east-asia-pacific: Asie de l'Est et Pacifique, near-east: Proche-Orient}
        categories: {biometrics: Identification biométrique, location-tracking: Localisation non coopérative}
        factors: {no-independent-judiciary: Pas de justice indépendante, documented-abuses: Atteintes documentées}
        regimes: {wassenaar: État participant à Wassenaar, echri: Adhérent au code de l'ECHRI}
        risk_levels: {low: Faible, medium: Moyen, high: Élevé, critical: Critique, unknown: Non évalué}

    """

    private func site(_ files: [String: String]) throws -> TestSite {
        try TestSite(files: files, site: TestSite.siteYAML + Self.french)
    }

    private static let product = Pages.product(extra: "capabilities:\n  - Matches faces.\n  - Finds people in crowds.\n",
                                               body: "## How it works\n\nIt compares faces.\n\nSee [step one](../guidance/one.md#step).\n")

    /// A translation is named `<slug>.<lang>.md` beside its original; any
    /// other name is not one (read on the UTF-8 bytes: see `original(of:)`).
    func testATranslationsPathNamesItsOriginalAndLanguage() {
        XCTAssertEqual(TranslationDecoder.original(of: "guidance/red-flags.fr.md")?.original, "guidance/red-flags.md")
        XCTAssertEqual(TranslationDecoder.original(of: "guidance/red-flags.fr.md")?.language, "fr")
        XCTAssertEqual(TranslationDecoder.original(of: "countries/côte-d’ivoire.pt-br.md")?.original, "countries/côte-d’ivoire.md")
        XCTAssertEqual(TranslationDecoder.original(of: "countries/côte-d’ivoire.pt-br.md")?.language, "pt-br")
        XCTAssertEqual(TranslationDecoder.original(of: "a.b/page.de.md")?.original, "a.b/page.md")
        for path in ["guidance/red-flags.md", "guidance/red-flags.fr.txt", "red-flags.fr.md", "guidance/.md", ".md", "md", "a.b/page.md",
                     "guidance/red-flags..md"] {
            XCTAssertNil(TranslationDecoder.original(of: path), path)
        }
    }

    func testFrenchPagesTakeTheTranslationsTextsAndTheOriginalsFacts() throws {
        let site = try site([
            "guidance/one.md": Pages.guidance(),
            "guidance/one.fr.md": "---\ntitle: Étape 1\nsummary: Une étape.\nupdated: 2026-12-01\n---\n## Étape\n\nTexte.\n",
            "products/face.md": Self.product,
            "products/face.fr.md": """
            ---
            title: Reconnaissance faciale
            summary: Trouve des visages.
            risk: medium
            risk_basis: Cité par le projet de recommandations.
            capabilities:
              - Compare des visages.
              - Retrouve des personnes dans une foule.
            ---
            ## Fonctionnement

            Il compare des visages. Voir [l'étape un](../guidance/one.md#step).

            """,
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertEqual(TestSite.lines(report, in: site).filter { !$0.contains("no other page links") }, [])
        XCTAssertTrue(report.summary(output: "public").hasPrefix("Built 2 pages (1 guidance, 1 product, 0 countries, 0 pages) in 2 languages (en, fr) into public/"),
                      report.summary(output: "public"))
        let english = try site.outputText("products/face.html")
        let french = try site.outputText("fr/products/face.html")
        XCTAssertTrue(english.contains("<html lang=\"en\""))
        XCTAssertTrue(french.contains("<html lang=\"fr\""), french)
        XCTAssertTrue(french.contains("<h1>Reconnaissance faciale</h1>"))
        XCTAssertTrue(french.contains("Retrouve des personnes dans une foule."))
        XCTAssertTrue(french.contains("Cité par le projet de recommandations."))
        // Facts from the original: its source and its category, with the French label.
        XCTAssertTrue(french.contains("https://example.org/draft"))
        XCTAssertTrue(french.contains("Identification biométrique"))
        // The translated heading keeps the original's id, so links reach it in every language.
        XCTAssertTrue(french.contains("<h2 id=\"how-it-works\">Fonctionnement"), french)
        XCTAssertTrue(french.contains("href=\"../guidance/one.html#step\""))
        XCTAssertTrue(try site.outputText("fr/guidance/one.html").contains("<h2 id=\"step\">Étape"))
        // Each language links its other version, relative to the page.
        XCTAssertTrue(english.contains("href=\"../fr/products/face.html\""), english)
        XCTAssertTrue(french.contains("href=\"../../products/face.html\""))
        // Every language has its own search index, feed and data.
        for path in ["fr/search.html", "fr/feed.xml", "fr/data/diligence.json", "fr/static/style.css", "fr/screening.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/" + path), path)
        }
    }

    func testAnUntranslatedPageShowsItsOriginalMarkedAsSuch() throws {
        let site = try site(["guidance/one.md": Pages.guidance(), "products/face.md": Self.product])
        defer { site.remove() }
        XCTAssertEqual(TestSite.lines(site.build(), in: site).filter { !$0.contains("no other page links") }, [])
        let french = try site.outputText("fr/products/face.html")
        XCTAssertTrue(french.contains("<html lang=\"fr\""))
        XCTAssertTrue(french.contains("Face recognition"))
        XCTAssertTrue(french.contains("lang=\"en\""), "the English text is marked as English")
        XCTAssertFalse(try site.outputText("products/face.html").contains("untranslated"))
    }

    func testATranslationThatChangesAFactIsAnErrorAtItsLine() throws {
        let site = try site([
            "guidance/one.md": Pages.guidance(),
            "products/face.md": Self.product,
            "products/face.fr.md": """
            ---
            title: Reconnaissance faciale
            risk: high
            category: biometrics
            capabilities:
              - Compare des visages.
            sources:
              - title: Projet
                url: https://example.org/autre
            ---
            Texte.

            """,
        ])
        defer { site.remove() }
        let lines = TestSite.lines(site.check(), in: site).filter { !$0.contains("no other page links") }
        XCTAssertEqual(lines, [
            "products/face.fr.md:3:7: error: 'risk' is a fact kept in the original (\(site.content)/products/face.md); this translation sets it differently",
            "products/face.fr.md:6:3: error: 'capabilities' has 1 item here and 2 in the original",
            "products/face.fr.md:8:3: error: 'sources' is a fact kept in the original (\(site.content)/products/face.md); this translation sets it differently",
        ], "\(lines)")
        XCTAssertNil(site.build().publishedBytes, "nothing is published")
    }

    /// A country's factor notes and measures are texts of facts: a
    /// translation writes each alone, and the rest stays the original's.
    func testATranslationGivesTheNotesOfFactorsAndMeasures() throws {
        let extra = """
        factors:
          documented-abuses:
            status: absent
            note: The report documents abuses.
            source: 1
        measures:
          - authority: US Department of Commerce
            measure: Entity List additions.
            date: 2021-11
            url: https://example.org/entity-list

        """
        let site = try site([
            "guidance/one.md": Pages.guidance(),
            "countries/cn.md": Pages.country(extra: extra),
            "countries/cn.fr.md": """
            ---
            name: Chine
            factors:
              documented-abuses:
                note: Le rapport documente des atteintes.
            measures:
              - measure: Ajouts à l'Entity List.
            ---
            ## Fondement

            Texte.

            """,
        ])
        defer { site.remove() }
        XCTAssertEqual(TestSite.lines(site.build(), in: site).filter { !$0.contains("no other page links") }, [])
        let french = try site.outputText("fr/countries/cn.html")
        XCTAssertTrue(french.contains("Le rapport documente des atteintes."), french)
        XCTAssertTrue(french.contains("Ajouts à l'Entity List.") || french.contains("Ajouts à l’Entity List."))
        XCTAssertTrue(french.contains("https://example.org/entity-list"), "the measure's URL is the original's")
        XCTAssertTrue(french.contains("Atteintes documentées"), "the factor's French label")
        XCTAssertTrue(try site.outputText("countries/cn.html").contains("The report documents abuses."))

        try site.write("countries/cn.fr.md", """
        ---
        name: Chine
        factors:
          documented-abuses:
            status: unknown
            note: Le rapport documente des atteintes.
        measures:
          - measure: Ajouts.
          - measure: Une mesure de trop.
        ---
        Texte.

        """)
        XCTAssertEqual(TestSite.lines(site.check(), in: site).filter { !$0.contains("no other page links") }, [
            "countries/cn.fr.md:5:13: error: 'status' of 'factors' is a fact kept in the original (\(site.content)/countries/cn.md); this translation sets it differently",
            "countries/cn.fr.md:8:3: error: 'measures' has 2 items here and 1 in the original",
        ])
    }

    func testTranslationsOfNothingOrIntoAnUnknownLanguageAreErrors() throws {
        let site = try site([
            "guidance/one.md": Pages.guidance(),
            "guidance/two.fr.md": "---\ntitle: Deux\n---\nTexte.\n",
            "guidance/one.de.md": "---\ntitle: Eins\n---\nText.\n",
        ])
        defer { site.remove() }
        XCTAssertEqual(TestSite.lines(site.check(), in: site).filter { !$0.contains("no other page links") }.map { String($0.prefix(60)) }, [
            "guidance/one.de.md:1:1: error: a translation into 'de', whic",
            "guidance/two.fr.md:1:1: error: a translation of 'guidance/tw",
        ])
    }

    func testALanguageWithoutEveryLabelIsAnError() throws {
        let site = try TestSite(files: ["guidance/one.md": Pages.guidance()], site: TestSite.siteYAML + """
        languages:
          fr:
            title: Base
            description: Une base.
            regions: {east-asia-pacific: Asie}

        """)
        defer { site.remove() }
        let lines = TestSite.lines(site.check(), in: site)
        XCTAssertTrue(lines.contains("site.yml:22:14: error: language 'fr' has no label for regions: near-east"), "\(lines)")
        XCTAssertTrue(lines.contains("site.yml:19:3: error: language 'fr' has no label for categories: biometrics, location-tracking"), "\(lines)")
        XCTAssertTrue(lines.contains { $0.contains("language 'fr' has no label for risk_levels: low, medium, high, critical, unknown") })
    }

    func testAnOlderTranslationIsAWarning() throws {
        let site = try site([
            "guidance/one.md": Pages.guidance(extra: "updated: 2026-11-20\n"),
            "guidance/one.fr.md": "---\ntitle: Étape 1\nupdated: 2026-10-01\n---\n## Étape\n\nTexte.\n",
        ])
        defer { site.remove() }
        var options = site.options
        options.readsHistory = false
        let lines = TestSite.lines(SiteBuilder(options: options).check(), in: site).filter { !$0.contains("no other page links") }
        XCTAssertEqual(lines, [
            "guidance/one.fr.md:1:1: warning: this translation may be out of date: the original (\(site.content)/guidance/one.md) was updated on 2026-11-20, the translation on 2026-10-01",
        ])
    }

    func testIncrementalBuildAfterEditingATranslationWritesWhatAFullBuildWrites() throws {
        let site = try site([
            "guidance/one.md": Pages.guidance(),
            "guidance/one.fr.md": "---\ntitle: Étape 1\n---\n## Étape\n\nTexte.\n",
            "products/face.md": Self.product,
        ])
        defer { site.remove() }
        var options = site.options
        options.incremental = true
        options.cacheDirectory = site.root.appendingPathComponent("cache").path
        XCTAssertNotNil(SiteBuilder(options: options).build().publishedBytes)
        try site.write("guidance/one.fr.md", "---\ntitle: Première étape\n---\n## Étape\n\nUn texte revu.\n")
        let report = SiteBuilder(options: options).build()
        XCTAssertNil(report.fullBuildReason, "an incremental build")
        XCTAssertEqual(report.changedPages, 1)
        let incremental = Workspace.files(site.output)
        XCTAssertTrue(try site.outputText("fr/guidance/one.html").contains("Un texte revu."))
        XCTAssertTrue(try site.outputText("fr/guidance/index.html").contains("Première étape"), "the index follows")
        XCTAssertFalse(try site.outputText("guidance/index.html").contains("Première étape"), "English is untouched")
        // A full build of the same content writes the same files and bytes.
        var full = site.options
        full.output = site.root.appendingPathComponent("full").path
        XCTAssertNotNil(SiteBuilder(options: full).build().publishedBytes)
        XCTAssertEqual(Workspace.files(full.output), incremental)
    }

    /// The bilingual sample: edits to an original, to a translation, and a
    /// new translation, each built incrementally, give a full build's bytes.
    func testIncrementalBuildsOfTheSampleInTwoLanguages() throws {
        let workspace = try Workspace(languages: true)
        defer { workspace.remove() }
        XCTAssertNotNil(workspace.incremental().publishedBytes)
        let edits: [(String, String, (String) -> String)] = [
            ("an original's sentence", "guidance/red-flags.md", { $0.replacingOccurrences(of: "does not decide a transaction", with: "never decides a transaction") }),
            ("a translation's sentence", "guidance/red-flags.fr.md", { $0.replacingOccurrences(of: "## ", with: "## Lire : ", options: [], range: $0.range(of: "## ")) }),
            ("a translation's title", "pages/about.fr.md", { $0.replacingOccurrences(of: "title: ", with: "title: Le site — ") }),
        ]
        for (what, path, edit) in edits {
            try workspace.edit(path, edit)
            let report = workspace.incremental()
            XCTAssertNil(report.fullBuildReason, what)
            XCTAssertEqual(report.diagnostics.errorCount, 0, "\(what): \(report.diagnostics)")
            XCTAssertNotNil(workspace.full().publishedBytes)
            XCTAssertEqual(Workspace.files(workspace.output), Workspace.files(workspace.reference), what)
        }
        // A new translation: the page changes in French only.
        try Pages.product().write(toFile: workspace.content + "/products/x-new.md", atomically: true, encoding: .utf8)
        XCTAssertNotNil(workspace.incremental().publishedBytes)
        try "---\ntitle: Nouveau produit\n---\nTexte.\n".write(toFile: workspace.content + "/products/x-new.fr.md", atomically: true, encoding: .utf8)
        let report = workspace.incremental()
        XCTAssertNil(report.fullBuildReason)
        XCTAssertNotNil(workspace.full().publishedBytes)
        XCTAssertEqual(Workspace.files(workspace.output), Workspace.files(workspace.reference), "new translation")
        XCTAssertTrue(try String(contentsOfFile: workspace.output + "/fr/products/x-new.html", encoding: .utf8).contains("Nouveau produit"))
    }

    func testTwoBuildsAreTheSameBytes() throws {
        let site = try site(["guidance/one.md": Pages.guidance(), "guidance/one.fr.md": "---\ntitle: Étape 1\n---\nTexte.\n"])
        defer { site.remove() }
        site.build()
        let first = Workspace.files(site.output)
        site.build()
        XCTAssertEqual(Workspace.files(site.output), first)
        XCTAssertGreaterThan(first.keys.filter { $0.hasPrefix("fr/") }.count, 20)
    }
}
