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

/// The planner's first stage: which page files exist, how each compares
/// with the previous build's record, and each one read and decoded, or
/// taken from the cache when its stamp says it did not change.
struct PageCollector: Sendable {
    var loader: ContentLoader
    var decoder: PageDecoder
    var options: BuildOptions
    var start: Date
    /// Whether stamps and front-matter hashes are worked out: for a build
    /// that keeps a cache, or compares with one.
    var keepsCache: Bool
    /// For a language other than the default: its translations (original's
    /// path → translation's path) and their decoder. A translated page's
    /// stamp and hash cover both files, so editing either reaches it.
    var translations: [String: String] = [:]
    var translator: TranslationDecoder? = nil
    /// The date of a file's last commit (by display path), when the
    /// content's git history is read: a translation is out of date when its
    /// original changed after it. Without history, their `updated` dates.
    var lastChanged: (@Sendable (String) -> PartialDate?)? = nil

    /// The pages found, in page order, and what is known about the rest.
    struct Collected: Sendable {
        var pages: [PagePlan]
        /// The previous build's pages whose files are gone.
        var removed: [CachedPage]
        /// Pages left out (drafts), with why, and their files' stamps.
        var excluded: [PageID: String]
        var unpublished: [String: FileStamp]
        /// Pages whose files have errors.
        var failed: Set<PageID>
    }

    /// One file, as found.
    private enum Found: Sendable {
        /// Unchanged since the previous build's record: its plan.
        case cached(PagePlan)
        /// Read and decoded (nil: it has errors), with what decoding reported.
        case read(SourceFile?, ParsedPage?, FileStamp?, [Diagnostic])
    }

    func collect(_ paths: [String], previous: BuildSnapshot?, log: DiagnosticLog) throws(BuildPlanner.Fallback) -> Collected {
        var collected = Collected(pages: [], removed: [], excluded: previous?.header.excluded ?? [:],
                                  unpublished: previous?.header.unpublished ?? [:], failed: [])
        var records: [String: CachedRecord] = [:]
        if let previous {
            if !previous.header.unpublished.isEmpty { try checkDrafts(previous, paths: Set(paths)) }
            records.reserveCapacity(previous.pages.count)
            for record in previous.pages { records[record.page.path] = record }
        }
        // Each path looked up once: a path the last build published is a
        // page's; others are checked. The records no path matched are the
        // pages removed (hashing 10,000 paths into a set to find them, and
        // looking each up three times, was 3 ms of every incremental build).
        var candidates: [(path: String, record: CachedRecord?)] = []
        candidates.reserveCapacity(paths.count)
        var matched = 0
        for path in paths where collected.unpublished[path] == nil {
            let record = records[path]
            if record != nil { matched += 1 } else if PageDecoder.pageID(forPath: path) == nil { continue }
            candidates.append((path, record))
        }
        if let previous, matched < previous.pages.count {
            let current = Set(paths)
            collected.removed = previous.pages.filter { !current.contains($0.page.path) }.map(\.page)
        }
        // Each folder opened once: every file is then stat'ed by name in it.
        // A translation lies beside its original, so its folder is among these.
        let folders = keepsCache ? OpenFolders(root: options.content, paths: candidates.lazy.map(\.path)) : nil
        let found = candidates.concurrentMap { find($0.path, record: $0.record, folders: folders) }
        collected.pages.reserveCapacity(found.count)
        for ((path, record), found) in zip(candidates, found) {
            switch found {
            case .cached(let plan):
                collected.pages.append(plan)
            case .read(let file, let parsed, let stamp, let diagnostics):
                guard let file, let parsed else {
                    log.add(contentsOf: diagnostics)
                    if let id = PageDecoder.pageID(forPath: path) { collected.failed.insert(id) }
                    continue
                }
                if parsed.page.draft && !options.drafts {
                    // Links to a draft are reported as such: a new draft changes other pages' diagnostics.
                    if previous != nil { throw .init(reason: "a page is a draft") }
                    collected.excluded[parsed.id] = "a draft (published only with --drafts)"
                    collected.unpublished[path] = stamp ?? .missing
                    continue
                }
                collected.pages.append(PagePlan(
                    id: parsed.id, path: path, change: record == nil ? .added : .edited, parsed: parsed, hasBody: true,
                    // The hash tells the next build whether the bytes changed: none without a cache.
                    stamp: stamp, sourceHash: keepsCache ? StableHasher.hash(file.bytes) : 0, resolved: .init(targets: [], related: []),
                    diagnostics: diagnostics, frontMatter: keepsCache ? BuildPlanner.frontMatterHash(parsed.page) : 0,
                    previous: record))
            }
        }
        collected.pages.sort { $0.id < $1.id }
        return collected
    }

    /// Drafts are not in the graph: a draft removed or edited needs a full build.
    private func checkDrafts(_ previous: BuildSnapshot, paths: Set<String>) throws(BuildPlanner.Fallback) {
        for (path, stamp) in previous.header.unpublished {
            guard paths.contains(path) else { throw .init(reason: "an unpublished page (draft) was removed") }
            guard FileStamp(path: options.content + "/" + path) == stamp else { throw .init(reason: "an unpublished page (draft) changed") }
        }
    }

    /// Stat first, then read only a file whose stamp changed; decode it only
    /// if its bytes changed too.
    private func find(_ path: String, record: CachedRecord?, folders: OpenFolders?) -> Found {
        let stamp = folders.flatMap { self.stamp(path, in: $0) }
        if let record, let stamp, stamp == record.page.stamp { return .cached(cachedPlan(record, stamp: stamp, touched: false)) }
        let log = DiagnosticLog()
        guard let file = read(path, log: log) else { return .read(nil, nil, stamp, log.diagnostics) }
        if let record, StableHasher.hash(file.bytes) == record.page.sourceHash {
            return .cached(cachedPlan(record, stamp: stamp, touched: true))
        }
        let page = decode(path, file, log: log)
        return .read(file, page.map(ParsedPage.init(page:)), stamp.map(safeStamp), log.diagnostics)
    }

    /// A page file's stamp; for a translated page, both files' in one.
    private func stamp(_ path: String, in folders: OpenFolders) -> FileStamp? {
        guard let original = folders.stamp(path) else { return nil }
        guard let translation = translations[path] else { return original }
        guard let other = folders.stamp(translation) else { return .missing }
        return FileStamp(size: original.size &* 1_000_003 &+ other.size, modified: max(original.modified, other.modified),
                         modifiedNanoseconds: original.modifiedNanoseconds ^ (other.modifiedNanoseconds &* 31),
                         inode: original.inode ^ (other.inode &* 0x9E37_79B9_7F4A_7C15))
    }

    /// A page file's bytes; for a translated page, the original's followed
    /// by the translation's (what the page's hash is taken of).
    private func read(_ path: String, log: DiagnosticLog) -> SourceFile? {
        guard let file = loader.read(path, log: log) else { return nil }
        guard let translation = translations[path], let other = loader.read(translation, log: log) else { return file }
        return SourceFile(relativePath: file.relativePath, displayPath: file.displayPath, bytes: file.bytes + [0] + other.bytes)
    }

    /// Decodes a page; in another language, the original (whose problems
    /// the default language's pass reports) with its translation's texts.
    private func decode(_ path: String, _ file: SourceFile, log: DiagnosticLog) -> Page? {
        guard let translator else { return decoder.decode(file, log: log) }
        guard let translation = translations[path], let zero = file.bytes.firstIndex(of: 0) else {
            return decoder.decode(file, log: DiagnosticLog())
        }
        let original = SourceFile(relativePath: file.relativePath, displayPath: file.displayPath, bytes: Array(file.bytes[..<zero]))
        guard let page = decoder.decode(original, log: DiagnosticLog()) else { return nil }
        let other = SourceFile(relativePath: translation, displayPath: loader.displayRoot + "/" + translation,
                               bytes: Array(file.bytes[(zero + 1)...]))
        guard var translated = translator.decode(other, original: page, originalFile: original, log: log) else { return nil }
        let ids = MarkdownDocument(page.body, file: page.file).headings.map(\.id)
        let own = MarkdownDocument(translated.body, file: translated.file, firstLine: translated.bodyFirstLine).headings
        if own.count == ids.count {
            translated.headingIDs = ids
        } else if !ids.isEmpty {
            log.warning(at: SourceLocation(file: other.displayPath, line: own.first?.line ?? translated.bodyFirstLine, column: 1),
                        "this translation has \(own.count) heading\(own.count == 1 ? "" : "s") and its original \(ids.count): its sections cannot take the original's ids, so links to them (#\(ids[0])) do not reach this language's page",
                        hint: "give the translation one heading for each of the original's, in the same order")
        }
        var dates = (page.updated, translated.translationUpdated, "updated")
        if let lastChanged, let a = lastChanged(original.displayPath), let b = lastChanged(other.displayPath) { dates = (a, b, "last changed (git)") }
        if let newer = dates.0, let own = dates.1, newer > own {
            log.warning(at: SourceLocation(file: other.displayPath, line: 1, column: 1),
                        "this translation may be out of date: the original (\(original.displayPath)) was \(dates.2) on \(newer), the translation on \(own)",
                        hint: "bring the translation in line with the original, then set its 'updated:' to today")
        }
        return translated
    }

    private func cachedPlan(_ record: CachedRecord, stamp: FileStamp?, touched: Bool) -> PagePlan {
        PagePlan(
            id: record.page.page.id, path: record.page.path, change: touched ? .touched : .unchanged,
            parsed: record.page.parsed,
            hasBody: false,
            stamp: touched ? stamp.map(safeStamp) : record.page.stamp, sourceHash: record.page.sourceHash,
            resolved: record.page.resolved, diagnostics: record.page.diagnostics,
            frontMatter: record.page.fingerprints.frontMatter, previous: record)
    }

    /// Reads, decodes and parses an unchanged page again, to render it or
    /// check its links.
    func hydrate(_ plan: PagePlan, log: DiagnosticLog) throws(BuildPlanner.Fallback) -> ParsedPage {
        guard let file = read(plan.path, log: log), StableHasher.hash(file.bytes) == plan.sourceHash,
              let page = decode(plan.path, file, log: log) else {
            throw .init(reason: "\(plan.path) changed while building")
        }
        return ParsedPage(page: page)
    }

    /// A stamp to remember for a file read during the build. A file modified
    /// in the same second as the build started could be edited again without
    /// its stamp changing (coarse clocks), so its size is recorded as -1: the
    /// next build reads it and compares content instead ("racy git").
    func safeStamp(_ stamp: FileStamp) -> FileStamp {
        var stamp = stamp
        if Double(stamp.modified) >= start.timeIntervalSince1970.rounded(.down) - 1 { stamp.size = -1 }
        return stamp
    }
}
