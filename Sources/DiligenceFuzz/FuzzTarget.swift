import DiligenceKit
import Foundation

/// libFuzzer entry point: the input is one content file. It goes through what
/// `diligence check` does to a file — front matter split and YAML guard,
/// decoding against the content model, Markdown parsing, heading ids, link
/// resolution and rendering — and must never crash or hang. Built by
/// `Tests/Fuzz/run` with `-sanitize=fuzzer`; crashers go to Tests/Fuzz/crashers
/// and are replayed by `swift test` (FuzzRegressionTests).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
/// SwiftPM links an executable's `main` to `DiligenceFuzz_main`; hand control
/// to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

@_cdecl("DiligenceFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
#else
/// Without libFuzzer (a plain `swift build`), the same target replays the
/// files named on the command line: `diligence-fuzz Tests/Fuzz/crashers/*`.
@main
enum ReplayMain {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let count = FuzzHarness.run(Array(data))
            print("\(path): \(count) diagnostics")
        }
    }
}
#endif
