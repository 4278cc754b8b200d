import DiligenceSearch
import DiligenceSupport

/// What the last build into the same output left for this one: its cache
/// (`BuildSnapshot`) and the outputs it kept (`OutputCache`). The outputs'
/// index and the search chunks are read on another core while this build
/// lists and reads the content, which leaves it mostly idle.
struct PreviousBuild: Sendable {
    var snapshot: BuildSnapshot
    let outputs: BackgroundResult<OutputCache?>
    /// The kept search index's chunks, parsed.
    let searchChunks: BackgroundResult<Result<[SearchIndexPatch.Chunk], any Error>>

    /// The cache of the last build into `options.output`, if it kept one.
    static func load(options: BuildOptions) -> PreviousBuild? {
        let path = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let folder = OutputCache.folder(cachePath: path)
        let outputs = BackgroundResult { OutputCache.load(folder: folder) }
        let searchChunks = BackgroundResult { () -> Result<[SearchIndexPatch.Chunk], any Error> in
            guard let outputs = outputs.value else { return .failure(SearchIndexPatch.Failure.unreadable("the outputs' index")) }
            return Result { try outputs.parsedSearchChunks() }
        }
        guard let snapshot = BuildSnapshot.load(from: path) else {
            _ = searchChunks.value
            return nil
        }
        return PreviousBuild(snapshot: snapshot, outputs: outputs, searchChunks: searchChunks)
    }
}
