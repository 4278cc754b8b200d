import Foundation

/// The incremental build's cache file (`.diligence-cache/build-<hash>.cache`):
/// one JSON line of settings, then one JSON line per published page. Pages
/// are decoded in parallel, and an unchanged page's line is written back as
/// it was read, so saving after a small edit costs little.
struct BuildSnapshot: Sendable {
    static let format = 1

    struct Header: Codable, Sendable {
        var format: Int
        /// Absolute output folder the cache describes.
        var output: String
        /// `BuildSettings.fingerprint`: options, site.yml, templates, assets.
        var settings: UInt64
        /// Page files that exist but are not published (drafts), with their stamps.
        var unpublished: [String: FileStamp]
        var excluded: [PageID: String]
        /// Diagnostics about site.yml and templates, replayed as they were.
        var settingsDiagnostics: [Diagnostic]
        var layout: UInt64
        /// Listing output path → fingerprint of what it shows.
        var listings: [String: UInt64]
    }

    var header: Header
    var pages: [CachedPage]
    /// Each page's line as read, until the page changes.
    var lines: [[UInt8]?]

    init(header: Header, pages: [CachedPage]) {
        self.header = header
        self.pages = pages
        self.lines = Array(repeating: nil, count: pages.count)
    }

    /// Where the cache of a build into `output` lives.
    static func path(cacheDirectory: String, output: String) -> String {
        var hasher = StableHasher()
        hasher.combine(SitePublisher.absolute(output))
        return cacheDirectory + "/build-" + String(hasher.value, radix: 16) + ".cache"
    }

    static func load(from path: String) -> BuildSnapshot? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        var lineRanges: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            lineRanges.append(start..<i)
            start = i + 1
        }
        guard let first = lineRanges.first,
              let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[first])),
              header.format == format else { return nil }
        let pageRanges = Array(lineRanges.dropFirst())
        var decoded = [CachedPage?](repeating: nil, count: pageRanges.count)
        decoded.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableSendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: pageRanges.count) { i in
                out[i] = try? JSONDecoder().decode(CachedPage.self, from: Data(bytes[pageRanges[i]]))
            }
        }
        guard !decoded.contains(where: { $0 == nil }) else { return nil }
        var snapshot = BuildSnapshot(header: header, pages: decoded.map { $0! })
        snapshot.lines = pageRanges.map { Array(bytes[$0]) }
        return snapshot
    }

    /// Marks a page changed, so its line is encoded again on saving.
    mutating func replace(_ index: Int, with page: CachedPage) {
        pages[index] = page
        lines[index] = nil
    }

    /// Writes the cache atomically (temporary file, then rename).
    func save(to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        var out = [UInt8](try encoder.encode(header))
        out.append(0x0A)
        var encoded = lines
        try encoded.withUnsafeMutableBufferPointer { buffer in
            let slots = UnsafeMutableSendableBuffer(buffer)
            let failed = DiagnosticLog()
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                guard slots[i] == nil else { return }
                do { slots[i] = [UInt8](try JSONEncoder().encode(pages[i])) } catch {
                    failed.error(at: SourceLocation(file: path), "\(error)")
                }
            }
            if failed.hasErrors { throw CocoaError(.fileWriteUnknown) }
        }
        for line in encoded {
            out += line!
            out.append(0x0A)
        }
        let temporary = path + ".tmp"
        try Data(out).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    static func remove(at path: String) {
        unlink(path)
    }
}
