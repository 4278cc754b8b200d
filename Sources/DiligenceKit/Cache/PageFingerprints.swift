import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// What the cache keeps about a page to find the outputs an edit reaches:
///
/// - `frontMatter`: its front matter as decoded (`BuildPlanner.frontMatterHash`),
///   the value of `Dependency.frontMatter` for the pages that show it.
/// - `card`: what a link to it shows (`DependencyValues.card`), and
///   `facts`: what the screening data says about it
///   (`DependencyValues.facts`): its object there is kept while this holds.
///   The next build takes both as they are for a page the edits did not
///   reach (`OutputDecider.values`).
/// - `reads`: what its own page read of the site when it was last rendered,
///   and `readsValue`, their values then: when the values differ now, the
///   page is rendered again.
struct PageFingerprints: Sendable, Equatable {
    var frontMatter: UInt64
    var card: UInt64
    var facts: UInt64
    var reads: [Dependency]
    var readsValue: UInt64
}
