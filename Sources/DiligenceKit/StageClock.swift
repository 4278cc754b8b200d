import Foundation

/// Wall time of each stage of a build, in order (`build --timings`).
struct StageClock: Sendable {
    private(set) var stages: [(name: String, seconds: Double)] = []
    private var started = Date()

    /// Records the stage that just ended.
    mutating func lap(_ stage: String) {
        let now = Date()
        stages.append((stage, now.timeIntervalSince(started)))
        started = now
    }
}
