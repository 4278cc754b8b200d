import DiligenceSearch
import DiligenceSupport

/// What the last build into the same output left for this one: its cache
/// (`BuildSnapshot`) and the outputs it kept (`OutputCache`). The outputs'
/// index is read on another core while this build lists and reads the
/// content; a search chunk only when a patch of the index reaches it
/// (`OutputCache.keptSearchIndex`).
struct PreviousBuild: Sendable {
    var snapshot: BuildSnapshot
    let outputs: BackgroundResult<OutputCache?>

    /// The cache of the last build into `options.output`, if it kept one.
    static func load(options: BuildOptions) -> PreviousBuild? {
        let path = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let folder = OutputCache.folder(cachePath: path)
        let outputs = BackgroundResult { OutputCache.load(folder: folder) }
        guard let snapshot = BuildSnapshot.load(from: path) else {
            _ = outputs.value
            return nil
        }
        return PreviousBuild(snapshot: snapshot, outputs: outputs)
    }
}
