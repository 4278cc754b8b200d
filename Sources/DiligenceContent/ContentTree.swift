import DiligenceDiagnostics
import DiligenceSupport

/// Everything read from the content folder: the site settings, the page files
/// and the asset paths. The only stage before `publish` that touches the disk.
package struct ContentTree: Sendable {
    package var siteFile: SourceFile?
    package var pageFiles: [SourceFile]
    /// Paths of the page files relative to the content folder, sorted.
    package var pagePaths: [String] = []
    /// Asset paths relative to the content folder (`assets/logo.png`), sorted.
    package var assets: [String]
    /// Translations (`guidance/red-flags.fr.md`): paths by language, then by
    /// their original's path (`guidance/red-flags.md`).
    package var translations: [String: [String: String]] = [:]

    package init(siteFile: SourceFile?, pageFiles: [SourceFile], assets: [String]) {
        self.siteFile = siteFile
        self.pageFiles = pageFiles
        self.assets = assets
    }
}
