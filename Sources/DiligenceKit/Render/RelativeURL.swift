/// Relative URLs between output files, so the site works under any sub-path
/// and from `file://`. Every link names a file (`…/index.html`, never a bare
/// folder), because a folder opened from the file system shows a listing.
public enum RelativeURL {
    /// The URL that leads from the page at output path `from` to output path `to`
    /// (both relative to the site root, like `countries/cn.html`).
    public static func from(_ from: String, to: String) -> String {
        var fromDirs = from.split(separator: "/").dropLast().map(String.init)
        var toParts = to.split(separator: "/").map(String.init)
        while let f = fromDirs.first, toParts.count > 1, f == toParts.first {
            fromDirs.removeFirst()
            toParts.removeFirst()
        }
        let up = String(repeating: "../", count: fromDirs.count)
        let path = up + toParts.joined(separator: "/")
        return path.isEmpty ? "./index.html" : path
    }

    /// The prefix that leads from an output path back to the site root ("", "../").
    public static func root(from path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
