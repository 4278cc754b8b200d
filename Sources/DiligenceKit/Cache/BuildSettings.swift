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
/// content's history (every page shows the edition). When any part differs
/// from the cache's, the incremental build does a full build instead, and
/// says which part changed: an editor who committed expects a different
/// reason than one who edited the theme.
enum BuildSettings {
    /// One hash per part, so a full build can name the part that changed.
    struct Fingerprint: Codable, Equatable, Sendable {
        var options: UInt64
        var today: String
        var site: UInt64
        var theme: UInt64
        var assets: UInt64
        var history: UInt64

        /// Why a cache made with `old` cannot be used now, or nil if it can.
        func change(since old: Fingerprint) -> String? {
            if options != old.options {
                return "an option changed (--drafts, --strict, --search-chunk-bytes, --max-file-size, or the content or templates folder)"
            }
            if today != old.today { return "the build date changed from \(old.today) to \(today) (overdue reviews are counted from it; --today sets it)" }
            if site != old.site { return "site.yml changed" }
            if theme != old.theme { return "a template or a file of the theme's assets changed" }
            if assets != old.assets { return "a file of the content's assets/ folder changed" }
            if history != old.history {
                return "the content's git history changed (a commit, or the first uncommitted change or the last one undone): every page shows the edition"
            }
            return nil
        }
    }

    static func fingerprint(options: BuildOptions, siteFile: SourceFile, assets: [String], theme: ThemeFiles,
                            history: ContentHistory?) -> Fingerprint {
        var hasher = StableHasher()
        hasher.combine(BuildSnapshot.format)
        hasher.combine(SitePublisher.absolute(options.content))
        hasher.combine(SitePublisher.absolute(options.templatesFolder))
        hasher.combine(options.drafts ? 1 : 0)
        hasher.combine(options.strict ? 1 : 0)
        hasher.combine(options.searchChunkBytes)
        hasher.combine(options.maxFileSize)
        var site = StableHasher()
        site.combine(bytes: siteFile.bytes)
        var files = StableHasher()
        for asset in assets {
            files.combine(asset)
            stamp(options.content + "/" + asset, into: &files)
        }
        // The built-in theme's version and the site's own templates and assets.
        return Fingerprint(options: hasher.value, today: options.today.description, site: site.value, theme: theme.fingerprint,
                           assets: files.value, history: history?.fingerprint ?? 0)
    }

    private static func stamp(_ path: String, into hasher: inout StableHasher) {
        guard let stamp = FileStamp(path: path) else { hasher.combine(0); return }
        hasher.combine(Int(stamp.size))
        hasher.combine(Int(stamp.modified))
        hasher.combine(Int(stamp.modifiedNanoseconds))
        hasher.combine(Int(stamp.inode))
    }
}
