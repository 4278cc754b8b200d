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

/// Replays every input the fuzzer kept (Tests/Fuzz/crashers, Tests/Fuzz/corpus)
/// through the same harness: each must finish without crashing.
final class FuzzRegressionTests: XCTestCase {
    func testKeptFuzzInputsNoLongerCrash() throws {
        let root = TestSite.repository.appendingPathComponent("Tests/Fuzz")
        var replayed = 0
        for folder in ["crashers", "corpus"] {
            let dir = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where !name.hasPrefix(".") {
                let data = try Data(contentsOf: dir.appendingPathComponent(name))
                FuzzHarness.run(Array(data))
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0)
    }
}
