@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceMarkdown
@testable import DiligencePublish
@testable import DiligenceRender
@testable import DiligenceSearch
@testable import DiligenceSupport
@testable import DiligenceTemplate
import XCTest

/// The written rating rule and the sourcing rules of the content model: each
/// clause at its boundary, and each problem reported whole, at its line and
/// column.
final class RatingRuleTests: XCTestCase {
    private func lines(_ files: [String: String]) throws -> [String] {
        let test = try TestSite(files: files)
        defer { test.remove() }
        // Orphan warnings of these small sites are not what is tested here.
        return TestSite.lines(test.check(), in: test).filter { !$0.contains("no other page links to") }
    }

    private func factors(_ statuses: [FactorStatus]) -> [FactorAssessment] {
        let ids = ["no-independent-judiciary", "compelled-data-access", "documented-abuses"]
        let at = SourceLocation(file: "f", line: 1, column: 1)
        return zip(ids, statuses).map { FactorAssessment(factor: $0, status: $1, note: nil, source: .sourceIndex(1), location: at) }
    }

    private func level(_ statuses: [FactorStatus], restricts: Bool = false, concerns: Int = 0) -> String {
        let measure = Measure(authority: "A", measure: Located("M", at: SourceLocation(file: "f", line: 1, column: 1)),
                              date: nil, url: "https://example.org", restrictsExports: restricts)
        return RatingRule.countryLevel(factors: factors(statuses), factorIDs: ["no-independent-judiciary", "compelled-data-access", "documented-abuses"],
                                       measures: [measure], concerns: concerns).level
    }

    func testCountryRuleAtEachBoundary() {
        // A restricting measure decides, whatever the factors.
        XCTAssertEqual(level([.absent, .absent, .absent], restricts: true), "critical")
        XCTAssertEqual(level([.unknown, .unknown, .unknown], restricts: true), "critical")
        // Two present factors, or one with a concern: high.
        XCTAssertEqual(level([.present, .present, .unknown]), "high")
        XCTAssertEqual(level([.present, .unknown, .unknown], concerns: 1), "high")
        // One present without concern, one partial, or a concern alone: medium.
        XCTAssertEqual(level([.present, .unknown, .unknown]), "medium")
        XCTAssertEqual(level([.partial, .partial, .partial]), "medium")
        XCTAssertEqual(level([.partial, .absent, .absent], concerns: 1), "medium")
        XCTAssertEqual(level([.unknown, .unknown, .unknown], concerns: 1), "medium")
        // Every factor absent: low; one not assessed: unknown.
        XCTAssertEqual(level([.absent, .absent, .absent]), "low")
        XCTAssertEqual(level([.absent, .absent, .unknown]), "unknown")
        XCTAssertEqual(level([.absent, .absent]), "unknown", "a factor of site.yml left out is not absent")
    }

    func testProductRuleAtEachBoundary() {
        XCTAssertEqual(RatingRule.productLevels(hasControls: true, concerns: 1).levels, ["critical"])
        XCTAssertEqual(RatingRule.productLevels(hasControls: true, concerns: 0).levels, ["high"])
        XCTAssertEqual(RatingRule.productLevels(hasControls: false, concerns: 2).levels, ["high"])
        XCTAssertEqual(RatingRule.productLevels(hasControls: false, concerns: 0).levels, ["medium", "low", "unknown"])
    }

    func testRatingWithoutBasisIsAnError() throws {
        let country = Pages.country(extra: "measures:\n  - authority: EU\n    measure: Ban.\n    restricts_exports: true\n    source: 1\n")
            .replacingOccurrences(of: "risk: unknown", with: "risk: critical")
        let product = Pages.product().replacingOccurrences(of: "risk_basis: Named by the draft guidance.\n", with: "")
        XCTAssertEqual(try lines(["countries/cn.md": country, "products/face.md": product, "guidance/a.md": Pages.guidance(extra: "related: [countries/cn, products/face]\n")]), [
            "countries/cn.md:6:7: error: risk is 'critical' but 'risk_basis' is missing",
            "products/face.md:5:7: error: risk is 'medium' but 'risk_basis' is missing",
        ])
    }

    func testARatingThatDoesNotFollowTheRuleIsAnErrorSayingWhy() throws {
        let country = Pages.country(extra: """
        risk_basis: Two factors.
        factors:
          documented-abuses: {status: present, source: 1}
          no-independent-judiciary: {status: present, source: 1}
        measures:
          - authority: EU
            measure: Ban on monitoring equipment.
            restricts_exports: true
            url: https://example.org/ban

        """).replacingOccurrences(of: "risk: unknown", with: "risk: high")
        let test = try TestSite(files: ["countries/cn.md": country])
        defer { test.remove() }
        let report = test.check()
        XCTAssertEqual(TestSite.lines(report, in: test).filter { !$0.contains("no other page") }, [
            "countries/cn.md:6:7: error: risk is 'high' but the written country rule gives 'critical': a measure restricts exports to it (restricts_exports: true)",
        ])
        XCTAssertEqual(report.diagnostics.first?.hint,
                       "set 'risk: critical' and say why in 'risk_basis', or correct the factors, measures and concerns; the rule is on the methodology page")
    }

    func testProductRuleCountsConcernsRecordedOnCountries() throws {
        // A control entry and a country's concern naming it: critical, not high.
        let product = Pages.product(extra: "controls:\n  - regime: wassenaar\n    entry: 5.A.1.f\n").replacingOccurrences(of: "risk: medium", with: "risk: high")
        let country = Pages.country(extra: """
        risk_basis: A concern.
        concerns:
          - products: [face]
            basis: A finding.
            source: 1

        """).replacingOccurrences(of: "risk: unknown", with: "risk: medium")
        XCTAssertEqual(try lines(["products/face.md": product, "countries/cn.md": country]), [
            "products/face.md:5:7: error: risk is 'high' but the written product rule allows 'critical': it has a control-list entry and a country records a concern naming it",
        ])
        // Without the concern, high is right and medium is refused.
        let alone = product.replacingOccurrences(of: "risk: high", with: "risk: medium")
        XCTAssertEqual(try lines(["products/face.md": alone, "guidance/a.md": Pages.guidance(extra: "related: [products/face]\n")]), [
            "products/face.md:5:7: error: risk is 'medium' but the written product rule allows 'high': it has a control-list entry and no country records a concern naming it",
        ])
    }

    func testUnsourcedMeasureAndFactorAndConcernAreErrorsAtTheirLines() throws {
        let country = Pages.country(extra: """
        factors:
          documented-abuses:
            status: present
        measures:
          - authority: US Department of Commerce
            measure: Entity List.
            date: 2019-10-09
          - authority: EU
            measure: Ban.
            source: 2
        concerns:
          - basis: No column named.
            source: 1
          - categories: [biometrics]
            basis: No source.

        """)
        XCTAssertEqual(try lines(["countries/cn.md": country]), [
            "countries/cn.md:6:7: error: risk is 'unknown' but the written country rule gives 'high': one factor is present and the profile records a concern",
            "countries/cn.md:12:3: error: factor 'documented-abuses' is 'present' but cites no source",
            "countries/cn.md:15:5: error: measure cites no source",
            "countries/cn.md:20:13: error: source 2 does not exist: the page lists 1 source",
            "countries/cn.md:22:5: error: a concern names no product and no category",
            "countries/cn.md:24:5: error: missing required field 'source' in a concern",
        ])
    }

    func testASourceWithoutURLIsAWarningUnlessItGivesAReference() throws {
        let page = "---\ntitle: A\nsummary: S\nsources:\n  - title: A dispatch\n    publisher: Belga\n  - title: The rule\n    reference: FR Doc 2021-24123\n---\nText.\n"
        let test = try TestSite(files: ["pages/a.md": page])
        defer { test.remove() }
        let report = test.check()
        XCTAssertEqual(TestSite.lines(report, in: test), ["pages/a.md:5:5: warning: source 'A dispatch' has no URL: readers cannot check it"])
        XCTAssertEqual(report.diagnostics.first?.hint,
                       "add 'url:' with the address of the document, or 'reference:' with an official document number a reader can look up (e.g. FR Doc 2021-24123)")
        XCTAssertTrue(report.failed(strict: true))
        XCTAssertFalse(report.failed(strict: false))
    }
}
