import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// What the last build into the same output left for this one: its cache
/// (`BuildSnapshot`) and the outputs it kept (`OutputCache`), which are
/// read on another core while this build lists and reads the content.
struct PreviousBuild: Sendable {
    var snapshot: BuildSnapshot
    let outputs: BackgroundResult<OutputCache?>

    /// The cache of the last build into `options.output`, if it kept one.
    static func load(options: BuildOptions) -> PreviousBuild? {
        let path = BuildSnapshot.path(cacheDirectory: options.cacheDirectory, output: options.output)
        let outputsPath = OutputCache.path(cachePath: path)
        let outputs = BackgroundResult { OutputCache.load(from: outputsPath) }
        guard let snapshot = BuildSnapshot.load(from: path) else {
            _ = outputs.value
            return nil
        }
        return PreviousBuild(snapshot: snapshot, outputs: outputs)
    }
}
