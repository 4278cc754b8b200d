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
import Foundation
import XCTest

/// The output folder: atomic replacement, nothing lost on failure or kill,
/// stale files removed, foreign folders refused, identical bytes on rebuild.
final class PublishTests: XCTestCase {
    private func snapshot(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }

    func testTwoBuildsGiveIdenticalBytes() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        XCTAssertNotNil(site.build().publishedBytes)
        let first = try snapshot(site.output)
        XCTAssertNotNil(site.build().publishedBytes)
        XCTAssertEqual(try snapshot(site.output), first)
        XCTAssertGreaterThan(first.count, 15)
        XCTAssertNotNil(first["static/style.css"])
        XCTAssertEqual(first["assets/checklist.txt"], Data("PDF-ish test asset\n".utf8))
    }

    func testFailedBuildLeavesThePreviousSiteUntouched() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        site.build()
        let before = try snapshot(site.output)
        try site.write("countries/cn.md", "---\ncountry: CN\n---\n")
        let report = site.build()
        XCTAssertTrue(report.diagnostics.hasErrors)
        XCTAssertNil(report.publishedBytes)
        XCTAssertEqual(try snapshot(site.output), before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        XCTAssertEqual(siblings.sorted(), ["content", "public"])
    }

    func testStaleFilesAreRemoved() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        site.build()
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/products/spyware.html"))
        try FileManager.default.removeItem(atPath: site.content + "/products/spyware.md")
        try site.write("countries/cn.md", try String(contentsOfFile: site.content + "/countries/cn.md", encoding: .utf8)
            .replacingOccurrences(of: "products:\n  - spyware\n", with: ""))
        try site.write("guidance/review-product-capabilities.md", try String(contentsOfFile: site.content + "/guidance/review-product-capabilities.md", encoding: .utf8)
            .replacingOccurrences(of: "  - products/spyware\n", with: ""))
        try site.write("guidance/red-flags.md", try String(contentsOfFile: site.content + "/guidance/red-flags.md", encoding: .utf8)
            .replacingOccurrences(of: "[spyware](../products/spyware.md)", with: "spyware"))
        let report = site.build()
        XCTAssertNotNil(report.publishedBytes, "\(report.diagnostics)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.output + "/products/spyware.html"))
    }

    func testRefusesAFolderItDidNotMake() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        try FileManager.default.createDirectory(atPath: site.output, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: site.output + "/notes.txt"))
        let report = site.build()
        XCTAssertNil(report.publishedBytes)
        XCTAssertTrue(report.diagnostics.first?.message.hasPrefix("refusing to replace") ?? false, "\(report.diagnostics)")
        XCTAssertEqual(try snapshot(site.output), ["notes.txt": Data("precious".utf8)])
    }

    func testRefusesAnOutputThatContainsTheContent() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        var options = site.options
        options.output = site.root.path
        let report = SiteBuilder(options: options).build()
        XCTAssertNil(report.publishedBytes)
        XCTAssertTrue(report.diagnostics.first?.message.contains("which would be destroyed") ?? false, "\(report.diagnostics)")
        options.output = site.content
        XCTAssertNil(SiteBuilder(options: options).build().publishedBytes)
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.content + "/site.yml"))
    }

    /// A build killed while removing the previous site can leave its staging
    /// folder holding empty folders only (files and marker already gone): the
    /// next build removes it. A folder of that name holding a file, which
    /// Diligence would have marked, is left alone.
    func testLeftoverFoldersWithNoFileAreRemovedOthersKept() throws {
        let site = try TestSite(files: ["guidance/one.md": Pages.guidance()])
        defer { site.remove() }
        let fm = FileManager.default
        let empty = site.root.appendingPathComponent(".public.tmp-99998/search/d").path
        try fm.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let foreign = site.root.appendingPathComponent(".public.tmp-99999")
        try fm.createDirectory(at: foreign, withIntermediateDirectories: true)
        try "not ours".write(to: foreign.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(site.build().diagnostics.errorCount, 0)
        XCTAssertFalse(fm.fileExists(atPath: site.root.appendingPathComponent(".public.tmp-99998").path), "empty folders removed")
        XCTAssertTrue(fm.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path), "a file Diligence did not mark is kept")
    }

    /// Kills real `diligence build` processes at random moments; after each,
    /// the output is either the previous complete site or the new one.
    func testKilledBuildsAlwaysLeaveACompleteSite() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var executable = binary.appendingPathComponent("diligence").path
        if !FileManager.default.fileExists(atPath: executable) {
            executable = TestSite.repository.appendingPathComponent(".build/debug/diligence").path
        }
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("diligence executable not built at \(executable)")
        }
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        // A larger site, so a build takes long enough to be killed midway.
        let product = try String(contentsOfFile: site.content + "/products/spyware.md", encoding: .utf8)
        for i in 0..<300 {
            try site.write("products/copy-\(i).md", product + "\n[back](spyware.md)\n")
        }
        let args = ["build", "--content", site.content, "--templates", TestSite.templates, "--output", site.output, "--today", "2026-12-02"]
        func run(killAfter microseconds: UInt32?) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            if let microseconds {
                usleep(microseconds)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
        XCTAssertEqual(try run(killAfter: nil), 0)
        let complete = try snapshot(site.output)
        XCTAssertGreaterThan(complete.count, 300)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            _ = try run(killAfter: UInt32.random(in: 1_000...400_000, using: &generator))
            XCTAssertEqual(try snapshot(site.output), complete, "output changed after a killed build")
        }
        // The next build cleans up whatever the kills left beside the output.
        XCTAssertEqual(try run(killAfter: nil), 0)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
        XCTAssertEqual(siblings.sorted(), [".public.spare", "content", "public"])
        XCTAssertEqual(try snapshot(site.output), complete)
    }

    /// A full build writes over the site the previous build replaced (kept
    /// as `.public.spare`) instead of creating every file again. Whatever
    /// that folder holds — stale pages, a file where a folder must go and
    /// the reverse, a symbolic link and a hard link to files outside it —
    /// the result is the same files and bytes as a build into an empty
    /// folder, and nothing outside is changed.
    func testReusedSiteGivesTheSameOutputAsAnEmptyFolder() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let fm = FileManager.default
        let spare = site.root.appendingPathComponent(".public.spare").path
        site.build()
        let fresh = try snapshot(site.output)
        XCTAssertFalse(fm.fileExists(atPath: spare), "nothing replaced yet")
        site.build()
        XCTAssertTrue(fm.fileExists(atPath: spare + "/" + SitePublisher.markerName), "the replaced site is kept")
        XCTAssertEqual(try snapshot(site.output), fresh)
        XCTAssertEqual(try snapshot(spare), fresh)

        // Spoil the spare in every way a folder can differ.
        let outside = site.root.appendingPathComponent("outside.txt").path
        try "keep me".write(toFile: outside, atomically: true, encoding: .utf8)
        try "stale".write(toFile: spare + "/products/stale.html", atomically: true, encoding: .utf8)
        try fm.createDirectory(atPath: spare + "/old/deep", withIntermediateDirectories: true)
        try "stale".write(toFile: spare + "/old/deep/page.html", atomically: true, encoding: .utf8)
        try fm.removeItem(atPath: spare + "/products/spyware.html")
        try fm.createDirectory(atPath: spare + "/products/spyware.html/inside", withIntermediateDirectories: true)
        try fm.removeItem(atPath: spare + "/static")
        try "a file where a folder goes".write(toFile: spare + "/static", atomically: true, encoding: .utf8)
        try fm.removeItem(atPath: spare + "/index.html")
        try fm.createSymbolicLink(atPath: spare + "/index.html", withDestinationPath: outside)
        try fm.removeItem(atPath: spare + "/404.html")
        try fm.linkItem(atPath: outside, toPath: spare + "/404.html")
        try "short".write(toFile: spare + "/search.html", atomically: true, encoding: .utf8)

        XCTAssertNotNil(site.build().publishedBytes)
        XCTAssertEqual(try snapshot(site.output), fresh)
        XCTAssertEqual(try String(contentsOfFile: outside, encoding: .utf8), "keep me")
        // And once more, now that the spoiled folder is the spare.
        XCTAssertNotNil(site.build().publishedBytes)
        XCTAssertEqual(try snapshot(site.output), fresh)
        XCTAssertEqual(try String(contentsOfFile: outside, encoding: .utf8), "keep me")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: site.root.path).sorted(),
                       [".public.spare", "content", "outside.txt", "public"])
    }

    /// A folder named like the spare that Diligence did not mark is neither
    /// written over nor deleted.
    func testForeignSpareFolderIsLeftAlone() throws {
        let site = try TestSite(fixture: "kb")
        defer { site.remove() }
        let spare = site.root.appendingPathComponent(".public.spare").path
        try FileManager.default.createDirectory(atPath: spare, withIntermediateDirectories: true)
        try "not ours".write(toFile: spare + "/notes.txt", atomically: true, encoding: .utf8)
        site.build()
        let fresh = try snapshot(site.output)
        site.build()
        site.build()
        XCTAssertEqual(try snapshot(site.output), fresh)
        XCTAssertEqual(try snapshot(spare), ["notes.txt": Data("not ours".utf8)])
    }
}
