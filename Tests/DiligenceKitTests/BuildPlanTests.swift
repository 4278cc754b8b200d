@testable import DiligenceContent
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceSupport
import Foundation
import XCTest

/// What the planner decides for each kind of edit, asserted as data: which
/// pages and listings are rendered and why, what happens to the search
/// index, where files go. Planning writes nothing, so each test plans
/// against the cache of one real build of the sample site.
final class BuildPlanTests: XCTestCase {
    typealias Workspace = IncrementalBuildTests.Workspace

    private func options(_ workspace: Workspace) -> BuildOptions {
        workspace.options(output: workspace.output, incremental: true)
    }

    /// The plan for the content as it is now, against the last build's cache.
    private func plan(_ workspace: Workspace, file: StaticString = #filePath, line: UInt = #line) throws -> BuildPlan {
        let outcome = BuildPlanner(options: options(workspace)).plan(previous: PreviousBuild.load(options: options(workspace)), publish: true)
        XCTAssertFalse(outcome.diagnostics.hasErrors, "\(outcome.diagnostics)", file: file, line: line)
        return try XCTUnwrap(outcome.plan, file: file, line: line)
    }

    /// A workspace built once with `--incremental`, so a cache exists.
    private func built() throws -> Workspace {
        let workspace = try Workspace()
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        return workspace
    }

    private func rendered(_ plan: BuildPlan) -> [String: PagePlan.Reason] {
        var result: [String: PagePlan.Reason] = [:]
        for page in plan.pages { if let reason = page.render { result[page.id.description] = reason } }
        return result
    }

    private func renderedListings(_ plan: BuildPlan) -> Set<String> {
        Set(plan.listings.filter(\.render).map(\.path))
    }

    /// The pages that show another page's title (the rule the recorded reads
    /// must come to, written out independently here): the page itself, the
    /// pages it links to (their "Referenced by"), guidance steps that list it
    /// as related, and countries that name it as a product of concern.
    /// Checks that the plan renders each of `files` again and that, once
    /// the incremental build has run, each shows `text`; returns every
    /// listing the plan renders.
    @discardableResult
    private func assertRendersAndShows(_ files: [String], _ text: String, in workspace: Workspace,
                                       file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let listings = renderedListings(try plan(workspace))
        for path in files { XCTAssertTrue(listings.contains(path), "\(path) is not rendered: \(listings)", file: file, line: line) }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors, file: file, line: line)
        for path in files {
            let shown = try String(contentsOfFile: workspace.output + "/" + path, encoding: .utf8)
            XCTAssertTrue(shown.contains(text), "\(path) does not show '\(text)'", file: file, line: line)
        }
        return listings
    }

    private func pagesShowingTitle(of id: PageID, in graph: SiteGraph) -> Set<String> {
        var ids: Set<PageID> = [id]
        ids.formUnion(graph.outgoing[id] ?? [])
        for (page, related) in graph.related where related.contains(id) { ids.insert(page) }
        for (country, products) in graph.countryProducts where products.contains(id) { ids.insert(country) }
        for (product, countries) in graph.productCountries where countries.contains(id) { ids.insert(product) }
        return Set(ids.map(\.description))
    }

    func testWithNoPreviousBuildEverythingIsRenderedIntoAStagingFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let outcome = BuildPlanner(options: options(workspace)).plan(previous: nil, publish: true)
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(plan.sink, .staging)
        XCTAssertEqual(plan.search, .rebuild)
        XCTAssertEqual(plan.pages.count, 69)
        XCTAssertTrue(plan.pages.allSatisfy { $0.render == .content && $0.change == .added && $0.hasBody })
        XCTAssertTrue(plan.listings.allSatisfy(\.render))
        XCTAssertEqual(plan.removed.count, 0)
        XCTAssertEqual(plan.screeningKept, [])
        XCTAssertNil(plan.fullBuildReason)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.output), "planning writes nothing")
    }

    func testNoEditRendersNothing() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let plan = try plan(workspace)
        XCTAssertEqual(plan.sink, .inPlace)
        XCTAssertEqual(plan.search, .unchanged)
        XCTAssertEqual(rendered(plan), [:])
        XCTAssertEqual(renderedListings(plan), [])
        XCTAssertEqual(plan.changedPages, 0)
        // Files written in the second the first build started are read
        // again ("racy git"): touched, not edited.
        XCTAssertTrue(plan.pages.allSatisfy { ($0.change == .unchanged || $0.change == .touched) && !$0.hasBody })
    }

    func testABodyEditRendersThatPageAloneAndPatchesTheIndex() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("products/spyware.md") { $0 + "\nOne more sentence.\n" }
        let plan = try plan(workspace)
        XCTAssertEqual(rendered(plan), ["products/spyware": .content])
        XCTAssertEqual(renderedListings(plan), [], "no listing shows a page's body")
        XCTAssertEqual(plan.search, .patch)
        XCTAssertEqual(plan.pages.first { $0.id == PageID(.product, "spyware") }?.change, .edited)
        XCTAssertEqual(plan.changedPages, 1)
    }

    func testATouchedFileIsReadButNothingIsRendered() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)],
                                              ofItemAtPath: workspace.content + "/countries/us.md")
        let plan = try plan(workspace)
        XCTAssertEqual(plan.pages.first { $0.id == PageID(.country, "us") }?.change, .touched)
        XCTAssertEqual(rendered(plan), [:])
        XCTAssertEqual(plan.search, .unchanged)
    }

    func testATitleEditRendersThePagesAndListingsThatShowTheTitle() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("products/facial-recognition.md") { $0.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"Renamed ") }
        let plan = try plan(workspace)
        let id = PageID(.product, "facial-recognition")
        let expected = pagesShowingTitle(of: id, in: plan.graph)
        XCTAssertEqual(Set(rendered(plan).keys), expected)
        XCTAssertEqual(rendered(plan)[id.description], .content)
        XCTAssertEqual(Set(rendered(plan).filter { $0.value == .reads }.keys), expected.subtracting([id.description]))
        XCTAssertTrue(expected.contains("countries/cn"), "China names facial recognition as a product of concern")
        let listings = renderedListings(plan)
        // China's concerns name the product: the matrix and its data show it.
        for path in ["products/index.html", "categories/biometrics.html", "risk-levels/high.html",
                     "matrix.html", "data/matrix.csv", "screening.html", "data/screening.js", "index.html"] {
            XCTAssertTrue(listings.contains(path), "\(path) shows the title")
        }
        // The search page shows how many pages each kind has, not their
        // titles; the review page lists the products nothing links to or
        // not assessed, and this one is neither; the content has no git
        // history and the product no date, so the changes page and the feed
        // do not list it.
        for path in ["404.html", "countries/index.html", "regions/europe-eurasia.html", "categories/sensors.html", "guidance/index.html",
                     "search.html", "review.html", "changes.html", "feed.xml"] {
            XCTAssertFalse(listings.contains(path), "\(path) does not show the title")
        }
        XCTAssertEqual(plan.search, .patch)
    }

    /// A page its front matter dates is on the changes page and in the
    /// feed (the content has no git history here): its new title renders
    /// both, and they show it.
    func testADatedPagesTitleRendersTheChangesPageAndTheFeed() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("guidance/red-flags.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Renamed ") }
        try assertRendersAndShows(["changes.html", "feed.xml"], "Renamed Red flags", in: workspace)
    }

    /// The matrix names the products countries' concerns name: another
    /// product's title leaves the matrix page and its data alone.
    func testAProductNoConcernNamesLeavesTheMatrixAlone() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("products/drones.md") { $0.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"Renamed ") }
        let listings = renderedListings(try plan(workspace))
        XCTAssertTrue(listings.contains("products/index.html"), "\(listings)")
        XCTAssertFalse(listings.contains("matrix.html"), "\(listings)")
        XCTAssertFalse(listings.contains("data/matrix.csv"), "\(listings)")
    }

    /// The review page lists the pages nothing links to: a new one renders
    /// it, and so does retitling one, and the review page the build writes
    /// names it by its new title.
    func testAnUnlinkedPagesTitleRendersTheReviewPage() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let page = "---\ntitle: \"Aardvark tracker\"\nsummary: Tracks.\ncategory: location-tracking\nrisk: low\nrisk_basis: A finding.\n"
            + "sources:\n  - title: A source\n    url: https://example.org/a\n---\nText.\n"
        try page.write(toFile: workspace.content + "/products/aardvark.md", atomically: true, encoding: .utf8)
        XCTAssertTrue(renderedListings(try plan(workspace)).contains("review.html"), "a new page nothing links to")
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        try workspace.edit("products/aardvark.md") { $0.replacingOccurrences(of: "Aardvark tracker", with: "Aardvark locator") }
        XCTAssertTrue(renderedListings(try plan(workspace)).contains("review.html"), "its title is listed there")
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let review = try String(contentsOfFile: workspace.output + "/review.html", encoding: .utf8)
        XCTAssertTrue(review.contains("Aardvark locator") && !review.contains("Aardvark tracker"))
    }

    func testAFactorEditRendersTheCountryAndWhatSummarisesCountries() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("countries/mm.md") {
            $0.replacingOccurrences(of: "reviewed_by: Diligence sample content", with: "reviewed_by: An editor")
        }
        let plan = try plan(workspace)
        XCTAssertEqual(rendered(plan), ["countries/mm": .content], "no other page shows a country's reviewer")
        // The data export's files that hold countries read every country's
        // facts, as the screening data does; products.csv holds none; the
        // matrix and its data show no reviewer.
        XCTAssertEqual(renderedListings(plan), ["review.html", "data/screening.js", "data/diligence.json",
                                                "data/countries.csv", "data/factors.csv", "data/measures.csv"])
        XCTAssertFalse(plan.screeningKept.contains(PageID(.country, "mm")))
        XCTAssertTrue(plan.screeningKept.contains(PageID(.country, "cn")), "other countries' objects are kept")
        XCTAssertTrue(plan.screeningKept.contains(PageID(.product, "spyware")))
    }

    /// A factor's note is on the country's page and in the data, not on
    /// the matrix or the review page (which counts unknown factors only).
    func testAFactorNoteLeavesTheMatrixAndTheReviewPageAlone() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("countries/mm.md") { $0.replacingOccurrences(of: "    note: The State Department's 2023", with: "    note: Edited. The State Department's 2023") }
        let plan = try plan(workspace)
        XCTAssertEqual(rendered(plan), ["countries/mm": .content])
        let listings = renderedListings(plan)
        for path in ["matrix.html", "data/matrix.csv", "review.html"] { XCTAssertFalse(listings.contains(path), path) }
        XCTAssertTrue(listings.contains("data/factors.csv") && listings.contains("data/screening.js"), "\(listings)")
    }

    /// A concern's basis is in the matrix's cells and its data: both are
    /// rendered again and show it.
    func testAConcernRendersTheMatrixAndItsData() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "    basis: The US Treasury (OFAC) stated", with: "    basis: Edited, the US Treasury (OFAC) stated") }
        let listings = try assertRendersAndShows(["matrix.html", "data/matrix.csv"], "Edited, the US Treasury", in: workspace)
        XCTAssertFalse(listings.contains("review.html"), "\(listings)")
    }

    func testAFreePageTitleIsInEveryFooter() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try workspace.edit("pages/about.md") { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: All ") }
        let plan = try plan(workspace)
        XCTAssertEqual(rendered(plan).count, 69, "every page's footer lists the free pages")
        XCTAssertEqual(rendered(plan).filter { $0.value == .content }.count, 1)
        XCTAssertTrue(renderedListings(plan).contains("404.html"), "even the 404 page has the footer")
    }

    func testAGuidanceOrderChangeRendersTheStepsBesideIt() throws {
        let workspace = try built()
        defer { workspace.remove() }
        // After-sale monitoring (7) moves to the end: transparency reporting
        // (8) and contract safeguards (5)… lose or gain neighbours.
        try workspace.edit("guidance/after-sale-monitoring.md") { $0.replacingOccurrences(of: "\norder: 7\n", with: "\norder: 70\n") }
        let plan = try plan(workspace)
        let guidance = Set(rendered(plan).keys.filter { $0.hasPrefix("guidance/") })
        XCTAssertTrue(guidance.isSuperset(of: ["guidance/after-sale-monitoring", "guidance/red-flags",
                                                "guidance/transparency-reporting", "guidance/eu-dual-use-regulation"]), "\(guidance)")
        XCTAssertFalse(guidance.contains("guidance/review-end-user"), "a step with the same neighbours is not rendered")
        XCTAssertTrue(renderedListings(plan).contains("guidance/index.html"))
    }

    func testANewPageIsAddedInPlaceAndTheIndexPatched() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try "---\ntitle: Aardvark step\nsummary: A step.\norder: 98\nrelated: [products/spyware]\n---\nText.\n".write(
            toFile: workspace.content + "/guidance/aardvark.md", atomically: true, encoding: .utf8)
        let plan = try plan(workspace)
        let added = try XCTUnwrap(plan.pages.first { $0.id == PageID(.guidance, "aardvark") })
        XCTAssertEqual(added.change, .added)
        XCTAssertEqual(added.render, .content)
        XCTAssertEqual(rendered(plan)["products/spyware"], .reads, "spyware lists the step that names it")
        XCTAssertTrue(renderedListings(plan).contains("search.html"), "the search page counts the guidance steps")
        XCTAssertFalse(renderedListings(plan).contains("countries/index.html"))
        XCTAssertEqual(plan.search, .patch)
        XCTAssertEqual(plan.sink, .inPlace)
        XCTAssertEqual(plan.changedPages, 1)
    }

    /// A new product that names countries changes their facts (the
    /// products that name them), which the screening data and the JSON
    /// export show; the three CSV files of countries show none of it and
    /// are left alone (they read the countries' cards and front matter).
    func testANewProductNamingCountriesLeavesTheCountryTablesAlone() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let csv = ["data/countries.csv", "data/factors.csv", "data/measures.csv"]
        func bytes() throws -> [Data] { try csv.map { try Data(contentsOf: URL(fileURLWithPath: workspace.output + "/" + $0)) } }
        let before = try bytes()
        try "---\ntitle: Aardvark scanners\nsummary: Scanners.\ncategory: sensors\nrisk: unknown\ncountries: [mm, cn]\nsources:\n  - title: A source\n    url: https://example.org/a\n---\nText.\n".write(
            toFile: workspace.content + "/products/aardvark-scanners.md", atomically: true, encoding: .utf8)
        let added = try plan(workspace)
        XCTAssertEqual(rendered(added)["countries/mm"], .reads, "Myanmar's page lists the products that name it")
        let listings = renderedListings(added)
        XCTAssertTrue(listings.isSuperset(of: ["data/screening.js", "data/diligence.json", "data/products.csv"]), "\(listings)")
        for path in csv { XCTAssertFalse(listings.contains(path), "\(path) rendered again") }
        // A full build gives the files as they were.
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertEqual(try csv.map { try Data(contentsOf: URL(fileURLWithPath: workspace.reference + "/" + $0)) }, before)
        // A country's factor still renders them.
        try workspace.edit("countries/mm.md") {
            $0.replacingOccurrences(of: "reviewed_by: Diligence sample content", with: "reviewed_by: An editor")
        }
        XCTAssertTrue(renderedListings(try plan(workspace)).isSuperset(of: csv))
    }

    func testARemovedPageIsRemovedAndThePagesThatShowedItRendered() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try FileManager.default.removeItem(atPath: workspace.content + "/products/gait-analysis.md")
        let outcome = BuildPlanner(options: options(workspace)).plan(previous: PreviousBuild.load(options: options(workspace)), publish: true)
        if outcome.diagnostics.hasErrors {
            // Another page links to it: the error is the plan.
            XCTAssertNil(outcome.plan)
            return
        }
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(plan.removed.map(\.page.id), [PageID(.product, "gait-analysis")])
        XCTAssertTrue(renderedListings(plan).contains("products/index.html"))
        XCTAssertEqual(plan.search, .patch)
    }

    func testASettingChangeMeansAPlanFromNothing() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let footer = workspace.templates + "/partials/footer.mustache"
        try (String(contentsOfFile: footer, encoding: .utf8) + "<!-- changed -->\n").write(toFile: footer, atomically: true, encoding: .utf8)
        let outcome = BuildPlanner(options: options(workspace)).plan(previous: PreviousBuild.load(options: options(workspace)), publish: true)
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(outcome.fullBuildReason, "a template or a file of the theme's assets changed")
        XCTAssertEqual(plan.sink, .staging)
        XCTAssertEqual(plan.search, .rebuild)
        XCTAssertTrue(plan.pages.allSatisfy { $0.render == .content })
    }

    /// The reason a full build gives names the setting that changed, one
    /// at a time, against the cache of the build before each change.
    func testAFullBuildNamesTheSettingThatChanged() throws {
        let workspace = try built()
        defer { workspace.remove() }
        func reason(_ options: BuildOptions) -> String? {
            BuildPlanner(options: options).plan(previous: PreviousBuild.load(options: options), publish: true).fullBuildReason
        }
        var options = options(workspace)
        XCTAssertNil(reason(options))
        options.strict = true
        XCTAssertEqual(reason(options), "an option changed (--drafts, --strict, --search-chunk-bytes, --max-file-size, or the content or templates folder)")
        options = self.options(workspace)
        options.today = PartialDate(year: 2030, month: 1, day: 2)
        XCTAssertEqual(reason(options), "the build date changed from \(TestSite.today) to 2030-01-02 (overdue reviews are counted from it; --today sets it)")
        options = self.options(workspace)
        let site = workspace.content + "/site.yml"
        try (String(contentsOfFile: site, encoding: .utf8) + "\n").write(toFile: site, atomically: true, encoding: .utf8)
        XCTAssertEqual(reason(options), "site.yml changed")
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        XCTAssertNil(reason(options))
        let assets = workspace.content + "/assets"
        try FileManager.default.createDirectory(atPath: assets, withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: assets + "/mark.svg", atomically: true, encoding: .utf8)
        XCTAssertEqual(reason(options), "a file of the content's assets/ folder changed")
    }

    func testANewDraftMeansAPlanFromNothing() throws {
        let workspace = try built()
        defer { workspace.remove() }
        try "---\ntitle: Draft\nsummary: Not yet.\ndraft: true\n---\nText.\n".write(
            toFile: workspace.content + "/pages/draft.md", atomically: true, encoding: .utf8)
        let outcome = BuildPlanner(options: options(workspace)).plan(previous: PreviousBuild.load(options: options(workspace)), publish: true)
        XCTAssertEqual(outcome.fullBuildReason, "a page is a draft")
        let plan = try XCTUnwrap(outcome.plan)
        XCTAssertEqual(plan.sink, .staging)
        XCTAssertEqual(plan.excluded[PageID(.page, "draft")], "a draft (published only with --drafts)")
        XCTAssertNotNil(plan.unpublished["pages/draft.md"])
    }

    /// The cards and facts the planner takes from the cache, for the pages
    /// an edit did not reach, are those working every page out again gives,
    /// and every output whose dependencies the reach says the edit cannot
    /// have changed has the values it had: after a title, a factor note,
    /// the last links to a product removed (its card now says nothing links
    /// to it), a guidance step's title (its neighbours show it) and a
    /// concern naming one more product (new relations on both sides). And
    /// the keys the cache keeps of each page's reads (`Dependency.stableKey`)
    /// answer as the dependencies do, for every dependency an output can read.
    func testKeptCardsAndFactsAreWhatWorkingThemOutAgainGives() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let crypto = PageID(.product, "crypto-analysis")
        let edits: [(what: String, path: String, transform: (String) -> String)] = [
            ("a product's title", "products/spyware.md", {
                $0.replacingOccurrences(of: "title: \"Spyware and intrusion software\"", with: "title: \"Spyware and intrusion tools\"")
            }),
            ("a factor note", "countries/ae.md", {
                $0.replacingOccurrences(of: "The executive summary of the State Department's 2023 report", with: "The summary of the State Department's 2023 report")
            }),
            ("a product's last links removed", "guidance/review-product-capabilities.md", {
                $0.replacingOccurrences(of: "  - products/crypto-analysis\n", with: "")
                    .replacingOccurrences(of: "[crypto-analysis](../products/crypto-analysis.md)", with: "crypto-analysis")
            }),
            ("a guidance step's title", "guidance/red-flags.md", {
                $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Zyx ")
            }),
            ("a concern naming one more product", "countries/ae.md", {
                $0.replacingOccurrences(of: "  - products: [spyware]", with: "  - products: [spyware, facial-recognition]")
            }),
        ]
        var orphaned = false
        func check(_ what: String) throws {
            let plan = try plan(workspace)
            let values = try XCTUnwrap(plan.values)
            let reached = try XCTUnwrap(OutputDecider.reached(plan.pages, removed: false, graph: plan.graph), what).reached
            let known = try XCTUnwrap(OutputDecider.known(plan.pages, reached: reached, graph: plan.graph), what)
            let reach = try XCTUnwrap(plan.reach, what)
            XCTAssertGreaterThan(known.compactMap { $0 }.count, plan.pages.count / 2, "\(what): most pages' values are kept")
            var frontMatter: [PageID: UInt64] = [:]
            for page in plan.pages { frontMatter[page.id] = page.frontMatter }
            let worked = DependencyValues(graph: plan.graph, frontMatter: frontMatter)
            XCTAssertEqual(values.cards, worked.cards, what)
            for page in plan.graph.pages { XCTAssertEqual(values.facts(of: page.id), worked.facts(of: page.id), "\(what): \(page.id)") }
            // Each value the reach calls unchanged is as the last build had it.
            var skipped = 0
            for page in plan.pages where page.change == .unchanged || page.change == .touched {
                let fingerprints = try XCTUnwrap(page.previous).page.fingerprints
                // The keys the cache keeps answer as the dependencies themselves do.
                XCTAssertEqual(fingerprints.mayHaveChanged(in: reach), reach.mayHaveChanged(fingerprints.reads), "\(what): \(page.id)")
                guard !fingerprints.mayHaveChanged(in: reach) else { continue }
                skipped += 1
                XCTAssertEqual(worked.value(of: fingerprints.reads), fingerprints.readsValue, "\(what): \(page.id)")
            }
            XCTAssertGreaterThan(skipped, plan.pages.count / 3, "\(what): most pages are not valued")
            let outputs = try XCTUnwrap(OutputCache.load(folder: workspace.outputsFolder))
            // Every dependency an output can read, asked alone: its key
            // (what the cache keeps of a page's reads) answers as it does.
            var all: [Dependency] = [.guidanceOrder, .all, .footer, .orphans, .dated]
            for kind in PageKind.allCases { all += [.kind(kind), .kindFacts(kind), .count(kind)] }
            for page in plan.graph.pages {
                let id = page.id
                all += [.card(id), .frontMatter(id), .backlinks(id), .related(id), .productCountries(id), .countryProducts(id),
                        .productConcerns(id), .concerns(id), .review(id)]
                if id.kind == .guidance { all.append(.neighbours(id)) }  // only a step reads its neighbours
            }
            for record in outputs.listings.values { all += record.reads }
            for dependency in all {
                let keyed = withUnsafeBytes(of: dependency.stableKey.littleEndian) { reach.mayHaveChanged(keys: $0) }
                XCTAssertEqual(keyed, reach.mayHaveChanged(dependency), "\(what): \(dependency)")
            }
            for (path, record) in outputs.listings where !reach.mayHaveChanged(record.reads) {
                XCTAssertEqual(worked.value(of: record.reads), record.readsValue, "\(what): \(path)")
            }
            orphaned = orphaned || plan.graph.isOrphan(crypto)
            XCTAssertFalse(workspace.incremental().diagnostics.hasErrors, what)
        }
        for edit in edits {
            try workspace.edit(edit.path, edit.transform)
            try check(edit.what)
        }
        // New pages: edits from nothing. A product in another category,
        // linking to what its original links to; a last guidance step (the
        // step before it gains a next one).
        let product = try String(contentsOfFile: workspace.content + "/products/crypto-analysis.md", encoding: .utf8)
        try product.replacingOccurrences(of: "category: internet-surveillance", with: "category: sensors")
            .replacingOccurrences(of: "title: \"Crypto-analysis", with: "title: \"A copy of crypto-analysis")
            .write(toFile: workspace.content + "/products/aaa-crypto-copy.md", atomically: true, encoding: .utf8)
        try check("a new product")
        let step = try String(contentsOfFile: workspace.content + "/guidance/red-flags.md", encoding: .utf8)
        try step.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Another ").replacingOccurrences(of: "\norder: 6\n", with: "\norder: 13\n")
            .write(toFile: workspace.content + "/guidance/red-flags-again.md", atomically: true, encoding: .utf8)
        try check("a new guidance step")
        XCTAssertTrue(orphaned, "one edit left the product with no links to it")
    }

    /// The links and relations an incremental build takes from the last
    /// one (`KeptLinks`) are what linking every page again gives, and they
    /// are taken only when they can be: after edits that leave every page
    /// naming what it named, not after one that adds or removes a link, a
    /// concern's product, a term, or a page.
    func testKeptLinksAreWhatLinkingAgainGives() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let edits: [(what: String, path: String, kept: Bool, transform: (String) -> String)] = [
            ("a product's title", "products/spyware.md", true, {
                $0.replacingOccurrences(of: "title: \"Spyware and intrusion software\"", with: "title: \"Spyware and intrusion tools\"")
            }),
            ("a factor note", "countries/ae.md", true, {
                $0.replacingOccurrences(of: "The executive summary of the State Department's 2023 report", with: "The summary of the State Department's 2023 report")
            }),
            ("a sentence without a link", "products/drones.md", true, { $0 + "\nOne more sentence.\n" }),
            ("a link in the body", "products/drones.md", false, { $0 + "\nSee also [spyware](spyware.md).\n" }),
            ("a title after a fresh link", "products/drones.md", true, { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Zyx ") }),
            ("a concern naming one more product", "countries/ae.md", false, {
                $0.replacingOccurrences(of: "  - products: [spyware]", with: "  - products: [spyware, facial-recognition]")
            }),
            ("a product's category", "products/drones.md", false, {
                $0.replacingOccurrences(of: "\ncategory: sensors\n", with: "\ncategory: internet-surveillance\n")
            }),
            ("a guidance step's link removed", "guidance/review-product-capabilities.md", false, {
                $0.replacingOccurrences(of: "  - products/spyware\n", with: "")
            }),
        ]
        func check(_ what: String, kept: Bool) throws {
            let plan = try plan(workspace)
            XCTAssertEqual(plan.graph.keptLinks != nil, kept, what)
            let fresh = BuildPlanner(options: workspace.options(output: workspace.reference, incremental: false))
                .plan(previous: nil, publish: true)
            let graph = try XCTUnwrap(fresh.plan?.graph, what)
            let linked = try XCTUnwrap(KeptLinks(graph), what)
            XCTAssertTrue(KeptLinks(plan.graph) == linked, "\(what): the links differ from linking again")
            XCTAssertEqual(plan.graph.related, graph.related, what)
            XCTAssertEqual(plan.graph.guidanceInOrder.map(\.id), graph.guidanceInOrder.map(\.id), what)
            for kind in PageKind.allCases { XCTAssertEqual(plan.graph.pages(of: kind).map(\.id), graph.pages(of: kind).map(\.id), what) }
            let report = workspace.incremental()
            XCTAssertFalse(report.diagnostics.hasErrors, what)
            // The same warnings (pages no other page links to) either way.
            XCTAssertEqual(report.diagnostics.map(\.message).sorted(), fresh.diagnostics.map(\.message).sorted(), what)
        }
        for edit in edits {
            try workspace.edit(edit.path, edit.transform)
            try check(edit.what, kept: edit.kept)
        }
        let product = try String(contentsOfFile: workspace.content + "/products/crypto-analysis.md", encoding: .utf8)
        try product.replacingOccurrences(of: "title: \"Crypto-analysis", with: "title: \"A copy of crypto-analysis")
            .write(toFile: workspace.content + "/products/aaa-crypto-copy.md", atomically: true, encoding: .utf8)
        try check("a new product", kept: true)
        try workspace.edit("products/spyware.md") { $0 + "\nAnother sentence.\n" }
        try check("a sentence after a new page", kept: true)
        // A new country naming products in its own list and in a concern,
        // and a new product listing it and an older country: every kind of
        // list an added page joins, two pages added at once.
        let country = try String(contentsOfFile: workspace.content + "/countries/ae.md", encoding: .utf8)
        try country.replacingOccurrences(of: "country: AE\nname: United Arab Emirates", with: "country: QA\nname: Qatar")
            .replacingOccurrences(of: "  - products: [spyware, facial-recognition]", with: "  - products: [spyware, facial-recognition, spyware]")
            .replacingOccurrences(of: "\nregion: near-east\n", with: "\nregion: near-east\nproducts: [crypto-analysis, drones]\n")
            .replacingOccurrences(of: "\nsources:\n", with: "\n  - products: [facial-recognition]\n    basis: A second concern.\n    source: 1\nsources:\n")
            .write(toFile: workspace.content + "/countries/qa.md", atomically: true, encoding: .utf8)
        try product.replacingOccurrences(of: "title: \"Crypto-analysis", with: "title: \"Another copy of crypto-analysis")
            .replacingOccurrences(of: "\ncategory: internet-surveillance\n", with: "\ncategory: internet-surveillance\ncountries: [QA, AE]\n")
            .write(toFile: workspace.content + "/products/zzz-crypto-copy.md", atomically: true, encoding: .utf8)
        try check("a new country and a new product naming each other", kept: true)
        let step = try String(contentsOfFile: workspace.content + "/guidance/red-flags.md", encoding: .utf8)
        try step.replacingOccurrences(of: "\ntitle: Red flags\n", with: "\ntitle: More red flags\n")
            .replacingOccurrences(of: "\norder: 6\n", with: "\norder: 60\n")
            .write(toFile: workspace.content + "/guidance/more-red-flags.md", atomically: true, encoding: .utf8)
        try check("a new guidance step", kept: true)
        try workspace.edit("products/drones.md") { $0 + "\nSee also [the copy](zzz-crypto-copy.md).\n" }
        try check("a link to a new page", kept: false)
        try FileManager.default.removeItem(atPath: workspace.content + "/products/aaa-crypto-copy.md")
        try check("a page removed", kept: false)
    }

    /// The kept links read back as written; bytes that would name a page
    /// outside the graph, or lists out of order, are refused (the outputs'
    /// index is then not used, as for any other damage).
    func testKeptLinksReadBackAndRefuseDamage() throws {
        let workspace = try built()
        defer { workspace.remove() }
        let links = try XCTUnwrap(OutputCache.load(folder: workspace.outputsFolder)?.links)
        XCTAssertEqual(links.pageCount, 69)
        var writer = CacheWriter()
        writer.write(links)
        var reader = CacheReader(writer.bytes)
        XCTAssertTrue(try KeptLinks(from: &reader) == links)
        XCTAssertTrue(reader.isAtEnd)
        func damaged(_ change: (inout KeptLinks) -> Void) -> Bool {
            var copy = links
            change(&copy)
            var writer = CacheWriter()
            writer.write(copy)
            var reader = CacheReader(writer.bytes)
            return (try? KeptLinks(from: &reader)) == nil
        }
        XCTAssertTrue(damaged { $0.backlinks.places[0] = 69 }, "a place past the last page")
        XCTAssertTrue(damaged { $0.outgoing.starts[1] = $0.outgoing.starts[2] + 1 }, "lists out of order")
        XCTAssertTrue(damaged { $0.concerns[1] = -1 }, "a concern's country outside the graph")
        XCTAssertTrue(damaged { $0.members[0].places.append(1000) }, "a member outside the graph")
        XCTAssertTrue(damaged { $0.pageCount = 70 }, "one list per page")
        XCTAssertFalse(damaged { _ in }, "the links as they are")
    }
}
