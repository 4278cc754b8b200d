@testable import DiligenceContent
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceRender
import Foundation
import XCTest

/// Each kind of `Dependency` on its own: its value changes when, and only
/// when, what it names changes. One edit per test, and for each the
/// dependencies that must move and those that must not.
final class DependencyValuesTests: XCTestCase {
    static let files: [String: String] = [
        "guidance/one.md": Pages.guidance(order: 1, body: "See [face](../products/face.md).\n", extra: "related: [products/face]\n"),
        "guidance/two.md": Pages.guidance(order: 2, body: "See [step one](one.md).\n"),
        "products/face.md": Pages.product(body: "See [step two](../guidance/two.md).\n"),
        "countries/cn.md": Pages.country(extra: "products: [face]\n", body: "See [step one](../guidance/one.md).\n"),
        "pages/about.md": "---\ntitle: About\nsummary: About.\n---\nSee [China](../countries/cn.md).\n",
    ]

    static let face = PageID(.product, "face"), cn = PageID(.country, "cn"), one = PageID(.guidance, "one")
    static let all: [Dependency] = [
        .card(face), .card(cn), .frontMatter(face), .frontMatter(cn), .backlinks(face), .backlinks(PageID(.guidance, "two")),
        .related(one), .productCountries(face), .countryProducts(cn), .productConcerns(face), .kind(.product), .kind(.country),
        .guidanceOrder, .members(.category, "biometrics"), .members(.region, "east-asia-pacific"), .all, .footer,
        .kindFacts(.product), .kindFacts(.country), .memberCards(.category, "biometrics"), .memberCards(.region, "east-asia-pacific"),
        .count(.product), .count(.country), .orphans, .dated, .concerns(cn), .review(cn),
    ]

    /// One folder for every variant: front matter keeps its file's path.
    private var site: TestSite!

    override func setUpWithError() throws {
        site = try TestSite()
    }

    override func tearDown() {
        site.remove()
    }

    /// The values of `all` for the site with `edits` applied.
    private func values(_ edits: [String: (String) -> String] = [:]) throws -> [Dependency: UInt64] {
        for (path, text) in Self.files { try site.write(path, edits[path].map { $0(text) } ?? text) }
        var options = site.options
        options.incremental = true  // a build that keeps a cache computes the values
        let outcome = BuildPlanner(options: options).plan(previous: nil, publish: true)
        XCTAssertFalse(outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let values = try XCTUnwrap(outcome.plan?.values)
        return Dictionary(uniqueKeysWithValues: Self.all.map { ($0, values.value(of: $0)) })
    }

    /// The dependencies whose values differ after the edit.
    private func moved(_ path: String, _ transform: @escaping (String) -> String) throws -> Set<Dependency> {
        try moved([path: transform])
    }

    private func moved(_ edits: [String: (String) -> String]) throws -> Set<Dependency> {
        let before = try values(), after = try values(edits)
        return Set(Self.all.filter { before[$0] != after[$0] })
    }

    func testValuesAreTheSameFromOneBuildToTheNext() throws {
        XCTAssertEqual(try values(), try values())
    }

    func testABodyEditWithoutLinksMovesNothing() throws {
        XCTAssertEqual(try moved("products/face.md") { $0 + "More text.\n" }, [])
    }

    func testATitleMovesTheCardAndEveryListOfCards() throws {
        XCTAssertEqual(try moved("products/face.md") { $0.replacingOccurrences(of: "title: Face recognition", with: "title: Faces") },
                       [.card(Self.face), .frontMatter(Self.face), .kind(.product), .all, .kindFacts(.product),
                        .memberCards(.category, "biometrics")])
    }

    /// Without git history, only pages their front matter dates are on the
    /// changes page and in the feed: a date given moves them, and so does
    /// a dated page's title (a country's, dated by `reviewed`).
    func testADateOrADatedPagesTitleMovesTheDatedPages() throws {
        XCTAssertTrue(try moved("products/face.md") { $0.replacingOccurrences(of: "risk: medium\n", with: "risk: medium\nupdated: 2026-05-04\n") }
            .isSuperset(of: [.dated, .card(Self.face)]))
        XCTAssertTrue(try moved("countries/cn.md") { $0.replacingOccurrences(of: "name: China", with: "name: People's Republic of China") }
            .contains(.dated))
        XCTAssertTrue(try moved("countries/cn.md") { $0.replacingOccurrences(of: "reviewed: 2026-06-01", with: "reviewed: 2026-07-01") }
            .contains(.dated))
    }

    /// The matrix and the review page each read a part of a country's
    /// front matter: a concern moves the one, a reviewer the other, a
    /// factor's note neither.
    func testAConcernAReviewerAndAFactorNoteMoveTheirOwnPartsOfACountry() throws {
        // A concern as in testACountryConcernMovesTheProductsConcerns, its basis edited.
        func concern(_ basis: String) -> [String: (String) -> String] {
            ["countries/cn.md": { $0.replacingOccurrences(of: "products: [face]\n", with: "products: [face]\nconcerns:\n  - products: [face]\n    basis: \(basis)\n    source: 1\n")
                .replacingOccurrences(of: "risk: unknown", with: "risk: medium\nrisk_basis: The profile records a concern.") },
             "products/face.md": { $0.replacingOccurrences(of: "risk: medium", with: "risk: high") }]
        }
        let first = try values(concern("A finding.")), second = try values(concern("Another finding."))
        let concerned = Set(Self.all.filter { first[$0] != second[$0] })
        XCTAssertTrue(concerned.contains(.concerns(Self.cn)), "\(concerned)")
        XCTAssertFalse(concerned.contains(.review(Self.cn)))
        let reviewer = try moved("countries/cn.md") { $0.replacingOccurrences(of: "reviewed: 2026-06-01", with: "reviewed: 2026-06-01\nreviewed_by: An editor") }
        XCTAssertEqual(reviewer.intersection([.concerns(Self.cn), .review(Self.cn), .frontMatter(Self.cn)]), [.review(Self.cn), .frontMatter(Self.cn)])
        func factor(_ note: String) -> (String) -> String {
            { $0.replacingOccurrences(of: "products: [face]\n", with: "products: [face]\nfactors:\n  documented-abuses:\n    status: present\n    note: \(note)\n    source: 1\n")
                .replacingOccurrences(of: "risk: unknown", with: "risk: medium\nrisk_basis: A factor is present.") }
        }
        let before = try values(["countries/cn.md": factor("A finding.")]), after = try values(["countries/cn.md": factor("Another finding.")])
        let note = Set(Self.all.filter { before[$0] != after[$0] })
        XCTAssertTrue(note.contains(.frontMatter(Self.cn)), "\(note)")
        XCTAssertFalse(note.contains(.concerns(Self.cn)) || note.contains(.review(Self.cn)), "\(note)")
    }

    func testANewPageMovesItsKindsCountAndNoOtherCount() throws {
        let before = try values()
        try site.write("products/gait.md", Pages.product().replacingOccurrences(of: "title: Face recognition", with: "title: Gait analysis"))
        let after = try values()
        XCTAssertNotEqual(before[.count(.product)], after[.count(.product)])
        XCTAssertEqual(before[.count(.country)], after[.count(.country)])
        XCTAssertNotEqual(before[.kind(.product)], after[.kind(.product)])
    }

    func testAPageLosingItsLastLinkMovesTheOrphans() throws {
        let moved = try moved("pages/about.md") { $0.replacingOccurrences(of: "See [China](../countries/cn.md).", with: "See China.") }
        XCTAssertTrue(moved.isSuperset(of: [.orphans, .card(Self.cn)]), "\(moved)")
    }

    func testAFieldNoCardShowsMovesTheFrontMatterAlone() throws {
        XCTAssertEqual(try moved("products/face.md") { $0.replacingOccurrences(of: "risk: medium\n", with: "risk: medium\nmisuse: [Tracking]\n") },
                       [.frontMatter(Self.face), .kindFacts(.product)])
    }

    func testANewBodyLinkMovesTheTargetsBacklinksAlone() throws {
        let moved = try moved("pages/about.md") { $0 + "And [face](../products/face.md).\n" }
        XCTAssertEqual(moved, [.backlinks(Self.face)])
    }

    func testARelatedEntryMovesRelatedAndTheGuidanceFrontMatter() throws {
        let moved = try moved("guidance/one.md") { $0.replacingOccurrences(of: "related: [products/face]", with: "related: [products/face, countries/cn]") }
        XCTAssertEqual(moved, [.related(Self.one), .backlinks(PageID(.country, "cn")), .frontMatter(Self.one)].reduce(into: Set()) { $0.insert($1) }
            .intersection(Self.all))
    }

    func testAProductOfConcernMovesBothSidesOfTheRelation() throws {
        let moved = try moved("countries/cn.md") { $0.replacingOccurrences(of: "products: [face]\n", with: "") }
        XCTAssertTrue(moved.isSuperset(of: [.productCountries(Self.face), .countryProducts(Self.cn), .frontMatter(Self.cn)]), "\(moved)")
        XCTAssertFalse(moved.contains(.card(Self.face)))
        XCTAssertFalse(moved.contains(.frontMatter(Self.face)), "the product's own file did not change")
    }

    func testAGuidanceOrderMovesTheOrderAndTheCard() throws {
        let moved = try moved("guidance/one.md") { $0.replacingOccurrences(of: "order: 1", with: "order: 3") }
        XCTAssertEqual(moved, [.guidanceOrder, .all, .frontMatter(Self.one), .card(Self.one)].reduce(into: Set()) { $0.insert($1) }
            .intersection(Self.all))
    }

    func testACategoryMovesTheTermsMembers() throws {
        let moved = try moved("products/face.md") { $0.replacingOccurrences(of: "category: biometrics", with: "category: location-tracking") }
        XCTAssertTrue(moved.contains(.members(.category, "biometrics")))
        XCTAssertFalse(moved.contains(.members(.region, "east-asia-pacific")))
    }

    func testAFreePageTitleMovesTheFooter() throws {
        let moved = try moved("pages/about.md") { $0.replacingOccurrences(of: "title: About", with: "title: About us") }
        XCTAssertTrue(moved.contains(.footer))
        XCTAssertFalse(moved.contains(.card(Self.face)))
    }

    func testACountryConcernMovesTheProductsConcerns() throws {
        // The written rule then rates the product high and the country medium.
        let concern = "concerns:\n  - products: [face]\n    basis: A finding.\n    source: 1\n"
        let moved = try moved([
            "countries/cn.md": { $0.replacingOccurrences(of: "products: [face]\n", with: "products: [face]\n" + concern)
                .replacingOccurrences(of: "risk: unknown", with: "risk: medium\nrisk_basis: The profile records a concern.") },
            "products/face.md": { $0.replacingOccurrences(of: "risk: medium", with: "risk: high") },
        ])
        XCTAssertTrue(moved.contains(.productConcerns(Self.face)), "\(moved)")
        XCTAssertFalse(moved.contains(.productCountries(Self.face)))
    }
}
