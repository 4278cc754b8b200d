import DiligenceSearch
import DiligenceSupport
import Foundation

/// The search index's chunks as the last build kept them, mapped and parsed
/// on another core from the moment a build knows it will patch the index
/// (`SearchPatchJob.start`), and not at all by a build that changes no
/// page: on 10,000 pages they are about 870 files and 35 MB, and reading
/// them took a twentieth of the CPU time of an incremental build with no
/// change, on the core the planner needed.
final class KeptSearchChunks: @unchecked Sendable {
    typealias Chunks = Result<[SearchIndexPatch.Chunk], any Error>
    private let outputs: BackgroundResult<OutputCache?>
    private let lock = NSLock()
    private var reading: BackgroundResult<Chunks>?

    init(outputs: BackgroundResult<OutputCache?>) {
        self.outputs = outputs
    }

    /// Starts reading them, if not started yet.
    func start() {
        lock.withLock {
            guard reading == nil else { return }
            reading = BackgroundResult { [outputs] in
                guard let outputs = outputs.value else { return .failure(SearchIndexPatch.Failure.unreadable("the outputs' index")) }
                return Result { try outputs.parsedSearchChunks() }
            }
        }
    }

    /// Whether they are being read (or were).
    var isStarted: Bool { lock.withLock { reading != nil } }

    /// The chunks, parsed (started now if they were not).
    var value: Chunks {
        start()
        return lock.withLock { reading! }.value
    }
}
