import Foundation

/// The built-in theme: the repository's `templates/` folder (page templates,
/// `partials/`, `assets/`), embedded in the binary at build time by the
/// EmbedTemplatesPlugin. A site's templates folder overrides these file by
/// file, by the same relative path; what it does not hold comes from here,
/// so a later version's improvements reach every site that did not change
/// that file.
package enum DefaultTemplates {
    /// Every file by its path relative to `templates/` (`partials/footer.mustache`,
    /// `assets/style.css`).
    package static let files: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        for (path, base64) in encoded {
            files[path] = Data(base64Encoded: base64).map { [UInt8]($0) } ?? []
        }
        return files
    }()

    /// The paths, sorted.
    package static var paths: [String] { files.keys.sorted() }

    /// One value for all of them: part of the build's settings, so a new
    /// version of the theme rebuilds everything.
    package static let fingerprint: UInt64 = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in paths {
            for byte in path.utf8 + [0] + files[path]! + [0xFF] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }()
}
