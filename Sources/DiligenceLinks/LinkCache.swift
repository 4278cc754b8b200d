import Foundation

/// The dated results of earlier runs (`.diligence-cache/links.json`), so that
/// CI does not ask every site again on every pull request: a URL that
/// answered well within `maxAge` is not requested again.
///
/// Only `ok` and `redirected` results are kept. A dead or refused URL is
/// asked again each run: it may have been fixed, the failure may have been
/// passing, and it is what the editor is looking at.
package struct LinkCache: Sendable {
    /// The file's form: a version, so a later format is not misread, and the results sorted by URL.
    private struct File: Codable {
        var version: Int
        var links: [LinkResult]
    }

    package static let version = 1
    package var path: String
    package private(set) var entries: [String: LinkResult] = [:]

    /// Reads the cache; a missing, unreadable or older-format file is an empty cache.
    package init(path: String) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? LinkCache.decoder.decode(File.self, from: data), file.version == LinkCache.version
        else { return }
        for result in file.links { entries[result.url] = result }
    }

    /// The cached result for `url` if it was checked less than `maxAge` seconds before `now`.
    package func fresh(_ url: String, now: Date, maxAge: TimeInterval) -> LinkResult? {
        guard var result = entries[url], now.timeIntervalSince(result.checked) < maxAge,
              result.checked <= now.addingTimeInterval(60) else { return nil }
        result.fromCache = true
        return result
    }

    /// Keeps the new good results, drops a URL's entry when it is now bad, and
    /// forgets entries too old to be used.
    package mutating func record(_ results: [LinkResult], now: Date, maxAge: TimeInterval) {
        for result in results where !result.fromCache {
            entries[result.url] = result.verdict == .ok || result.verdict == .redirected ? result : nil
        }
        entries = entries.filter { now.timeIntervalSince($0.value.checked) < maxAge }
    }

    /// Writes the file whole or not at all (a temporary file renamed over the
    /// old one), so an interrupted run never leaves half a cache.
    package func save() throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let file = File(version: LinkCache.version, links: entries.values.sorted { $0.url < $1.url })
        try LinkCache.encoder.encode(file).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
