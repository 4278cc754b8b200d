@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceKit
@testable import DiligencePublish
import DiligenceSearch
import Foundation
import XCTest

/// A write that fails, made to fail through the `FileSystem` seam on any
/// machine (no tmpfs, no root): the previous site must survive a full
/// build, an incremental build must leave no cache that describes what it
/// did not write, and each failure is one clear error.
final class FailureInjectionTests: XCTestCase {
    typealias Workspace = IncrementalBuildTests.Workspace

    /// Fails every write to a path that ends with `suffix`, and counts them.
    final class Fault: @unchecked Sendable {
        let suffix: String
        private let lock = NSLock()
        private var hits = 0
        init(_ suffix: String) { self.suffix = suffix }
        var count: Int { lock.withLock { hits } }
        var fileSystem: FileSystem {
            .failing { [self] path in
                guard path.hasSuffix(suffix) else { return nil }
                lock.withLock { hits += 1 }
                return .io(path: path, message: "injected failure")
            }
        }
    }

    private func builder(_ options: BuildOptions, failing fault: Fault) -> SiteBuilder {
        var builder = SiteBuilder(options: options)
        builder.fileSystem = fault.fileSystem
        return builder
    }

    func testAFailedWriteInAFullBuildKeepsThePreviousSiteAndRemovesTheStagingFolder() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        XCTAssertNotNil(site.build().publishedBytes)
        let before = Workspace.files(site.output)
        try site.write("countries/cn.md", try String(contentsOfFile: site.content + "/countries/cn.md", encoding: .utf8) + "\nA new line.\n")
        let fault = Fault("/countries/cn.html")
        let report = builder(site.options, failing: fault).build()
        XCTAssertEqual(fault.count, 1)
        XCTAssertNil(report.publishedBytes)
        let staging = site.root.path + "/.public.tmp-\(getpid())/countries/cn.html"
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [
            .error(at: SourceLocation(file: site.output), "cannot write '\(staging)': injected failure"),
        ])
        XCTAssertEqual(Workspace.files(site.output), before, "the previous site is untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted(), ["content", "public"],
                       "no staging folder left behind")
        XCTAssertNotNil(site.build().publishedBytes, "the next build publishes")
    }

    func testAFailedWriteOfTheMarkerPublishesNothing() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let report = builder(site.options, failing: Fault("/" + SitePublisher.markerName)).build()
        XCTAssertNil(report.publishedBytes)
        let marker = site.root.path + "/.public.tmp-\(getpid())/" + SitePublisher.markerName
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [
            .error(at: SourceLocation(file: site.output), "cannot write '\(marker)': injected failure"),
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output), "no output folder was made")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: site.root.path), ["content"])
    }

    func testAFailedWriteInPlaceIsReportedAndTheNextBuildIsAFullOne() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.output + "/products/spyware.html"))
        try workspace.edit("products/spyware.md") { $0 + "\nA sentence about zyxquorum.\n" }
        let fault = Fault("/products/spyware.html.diligence-tmp")
        let report = builder(workspace.options(output: workspace.output, incremental: true), failing: fault).build()
        XCTAssertEqual(fault.count, 1)
        XCTAssertNil(report.fullBuildReason)
        XCTAssertEqual(report.diagnostics, [
            .error(at: SourceLocation(file: workspace.output),
                   "cannot write '\(workspace.output)/products/spyware.html.diligence-tmp': injected failure"),
        ])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: workspace.output + "/products/spyware.html")), before,
                       "the page is the old one, whole")
        let cache = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache), "no cache describes an output that was not written")
        XCTAssertFalse(FileManager.default.fileExists(atPath: OutputCache.folder(cachePath: cache) + "/index"))
        let next = workspace.incremental()
        XCTAssertEqual(next.fullBuildReason, "no build cache")
        XCTAssertFalse(next.diagnostics.hasErrors)
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertEqual(Workspace.files(workspace.output), Workspace.files(workspace.reference), "the full build repaired it")
    }

    func testAFailedSearchIndexWriteInPlaceIsReportedAndTheNextBuildIsAFullOne() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        try workspace.edit("pages/about.md") { $0 + "\nA sentence about zyxquorum.\n" }
        let fault = Fault("/search/meta.js")
        let failed = builder(workspace.options(output: workspace.output, incremental: true), failing: fault)
        // meta.js is written only when its bytes change: a new word adds no
        // term count to it, so fail the chunk the next new word goes to
        // instead when it is not (the last whose first term comes before it).
        var report = failed.build()
        if fault.count == 0 {
            try workspace.edit("pages/about.md") { $0 + "\nAnd about qwxzzyv.\n" }
            let firstTerms = try SearchTests.BuiltIndex.firstTerms(output: workspace.output)
            let chunk = try XCTUnwrap(firstTerms.lastIndex { SearchIndexFiles.precedes($0, "qwxzzyv") })
            let name = SearchIndexFiles.chunkName(firstTerm: firstTerms[chunk], number: chunk)
            report = builder(workspace.options(output: workspace.output, incremental: true), failing: Fault("/search/\(name).js")).build()
        }
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }.count, 1, "\(report.diagnostics)")
        XCTAssertTrue(report.diagnostics.first?.message.hasSuffix("': injected failure") == true, "\(report.diagnostics)")
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertEqual(Workspace.files(workspace.output), Workspace.files(workspace.reference))
    }

    func testACacheThatCannotBeWrittenIsAWarningAndTheSiteIsPublished() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let options = workspace.options(output: workspace.output, incremental: true)
        let cache = BuildSnapshot.path(cacheDirectory: workspace.cache, output: workspace.output)
        let report = builder(options, failing: Fault(".cache.tmp")).build()
        XCTAssertNotNil(report.publishedBytes)
        XCTAssertEqual(report.diagnostics.filter { $0.location.file == cache }, [
            .warning(at: SourceLocation(file: cache),
                     "the build cache cannot be written: cannot write '\(cache).tmp': injected failure",
                     hint: "the next incremental build will be a full one"),
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache))
        XCTAssertEqual(workspace.incremental().fullBuildReason, "no build cache")
        XCTAssertNotNil(BuildSnapshot.load(from: cache), "a build that can write keeps a cache again")
    }
}
