import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate
import Foundation

/// Everything besides the page files that every output depends on: the build
/// options, "today", `site.yml`, every template, both asset folders and the
/// content's history (every page shows the edition). When
/// its fingerprint differs from the cache's, the incremental build does a
/// full build instead.
enum BuildSettings {
    static func fingerprint(options: BuildOptions, siteFile: SourceFile, assets: [String], theme: ThemeFiles,
                            history: ContentHistory?) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(history?.fingerprint ?? 0)
        hasher.combine(BuildSnapshot.format)
        hasher.combine(SitePublisher.absolute(options.content))
        hasher.combine(SitePublisher.absolute(options.templatesFolder))
        hasher.combine(options.drafts ? 1 : 0)
        hasher.combine(options.strict ? 1 : 0)
        hasher.combine(options.searchChunkBytes)
        hasher.combine(options.today.description)
        hasher.combine(options.maxFileSize)
        hasher.combine(bytes: siteFile.bytes)
        for asset in assets {
            hasher.combine(asset)
            stamp(options.content + "/" + asset, into: &hasher)
        }
        // The built-in theme's version and the site's own templates and assets.
        hasher.combine(theme.fingerprint)
        return hasher.value
    }

    private static func stamp(_ path: String, into hasher: inout StableHasher) {
        guard let stamp = FileStamp(path: path) else { hasher.combine(0); return }
        hasher.combine(Int(stamp.size))
        hasher.combine(Int(stamp.modified))
        hasher.combine(Int(stamp.modifiedNanoseconds))
        hasher.combine(Int(stamp.inode))
    }
}
