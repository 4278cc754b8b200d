/// Relative URLs between output files, so the site works under any sub-path
/// and from `file://`. Every link names a file (`…/index.html`, never a bare
/// folder), because a folder opened from the file system shows a listing.
package enum RelativeURL {
    /// The URL that leads from the page at output path `from` to output path `to`
    /// (both relative to the site root, like `countries/cn.html`).
    /// Works on UTF-8 bytes: listing pages compute one per entry, 10,000
    /// per page on a large site.
    package static func from(_ from: String, to: String) -> String {
        if let oneFolderDeep = betweenFolders(from, to) { return oneFolderDeep }
        return anyDepth(from, to: to)
    }

    /// `from(_:to:)` between two pages one folder deep (`products/x.html`
    /// to `countries/cn.html`), as most links are, without the arrays;
    /// nil for any other pair.
    static func betweenFolders(_ from: String, _ to: String) -> String? {
        guard let source = oneSlash(from), let target = oneSlash(to) else { return nil }
        if from.utf8[..<source].elementsEqual(to.utf8[..<target]) { return String(to[to.utf8.index(after: target)...]) }
        return "../" + to
    }

    /// The place of the only slash of `path`, if it has one with text on both sides.
    private static func oneSlash(_ path: String) -> String.Index? {
        let bytes = path.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash != bytes.startIndex,
              bytes.index(after: slash) != bytes.endIndex,
              !bytes[bytes.index(after: slash)...].contains(UInt8(ascii: "/")) else { return nil }
        return slash
    }

    /// `from(_:to:)` for any two paths.
    static func anyDepth(_ from: String, to: String) -> String {
        let source = Array(from.utf8), target = Array(to.utf8)
        let fromDirs = components(source).dropLast()
        let toParts = components(target)
        // Leave the folders both paths share (never the target's file name).
        var shared = 0
        while shared < fromDirs.count, toParts.count - shared > 1,
              source[fromDirs[fromDirs.startIndex + shared]] == target[toParts[shared]] {
            shared += 1
        }
        var path: [UInt8] = []
        path.reserveCapacity(target.count + 3 * (fromDirs.count - shared))
        for _ in shared..<fromDirs.count { path += "../".utf8 }
        for (n, part) in toParts[shared...].enumerated() {
            if n > 0 { path.append(UInt8(ascii: "/")) }
            path += target[part]
        }
        return path.isEmpty ? "./index.html" : String(decoding: path, as: UTF8.self)
    }

    /// The ranges of the non-empty parts between slashes.
    private static func components(_ bytes: [UInt8]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") {
            if i > start { parts.append(start..<i) }
            start = i + 1
        }
        if bytes.count > start { parts.append(start..<bytes.count) }
        return parts
    }

    /// The prefix that leads from an output path back to the site root ("", "../").
    package static func root(from path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }
}
