@testable import DiligenceSupport
import Foundation
import XCTest

/// The runner of the git calls that read the content's history: its
/// output, its failures, and two children in flight at once.
final class ChildProcessTests: XCTestCase {
    private func output(_ arguments: [String], environment: [String: String] = [:]) -> String? {
        ChildProcess(arguments, environment: environment)?.finish().map { String(decoding: $0, as: UTF8.self) }
    }

    func testGivesTheOutputOfAProgramFoundOnPath() {
        XCTAssertEqual(output(["printf", "%s|%s", "a b", "ü"]), "a b|ü")
    }

    func testAddsTheEnvironmentToThisProcesssOwn() throws {
        let path = try XCTUnwrap(ProcessInfo.processInfo.environment["PATH"])
        XCTAssertEqual(output(["sh", "-c", "printf '%s %s' \"$DILIGENCE_TEST\" \"$PATH\""], environment: ["DILIGENCE_TEST": "set"]),
                       "set " + path)
    }

    func testAFailedProgramOrAMissingOneGivesNil() {
        XCTAssertNil(output(["sh", "-c", "echo partial; exit 3"]))
        XCTAssertNil(output(["sh", "-c", "kill -9 $$"]))
        XCTAssertNil(output(["diligence-no-such-program-\(getpid())"]))
        XCTAssertNil(ChildProcess([]))
    }

    func testStandardErrorAndInputAreNotTheParents() {
        // stdin is /dev/null: `cat` ends at once with nothing; stderr is dropped.
        XCTAssertEqual(output(["sh", "-c", "cat; echo err >&2; printf done"]), "done")
    }

    func testOutputLargerThanAPipeIsReadWhole() {
        XCTAssertEqual(output(["head", "-c", "300000", "/dev/zero"])?.utf8.count, 300_000)
    }

    /// The second child must not hold the first one's pipe open: reading
    /// the first would then wait for the second to exit.
    func testTwoChildrenInFlightDoNotHoldEachOthersPipes() throws {
        let first = try XCTUnwrap(ChildProcess(["sh", "-c", "printf first"]))
        let second = try XCTUnwrap(ChildProcess(["sh", "-c", "sleep 3; printf second"]))
        let start = Date()
        XCTAssertEqual(first.finish().map { String(decoding: $0, as: UTF8.self) }, "first")
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "the first child's output ended only when the second exited")
        XCTAssertEqual(second.finish().map { String(decoding: $0, as: UTF8.self) }, "second")
    }
}
