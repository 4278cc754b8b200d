import DiligenceContent
import DiligenceDiagnostics
import DiligenceMarkdown
import DiligenceSupport

/// Resolves every reference between pages — front-matter fields and Markdown
/// links — to a published page or asset, and reports each broken one at the
/// line and column where it is written.
package struct LinkResolver: Sendable {
    package var index: PageIndex
    package var log: DiagnosticLog

    package init(index: PageIndex, log: DiagnosticLog) {
        self.index = index
        self.log = log
    }

    /// What a Markdown link turned out to be.
    package enum Target: Sendable, Hashable {
        case page(PageID, fragment: String?)
        case asset(String)
        case fragment(String)
        case external
    }

    /// Checks a front-matter reference to a page and returns it if it will be published.
    @discardableResult
    package func reference(_ id: PageID, at location: SourceLocation, written: String) -> PageID? {
        if index.published.contains(id) { return id }
        if index.failed.contains(id) { return nil }
        if let reason = index.excluded[id] {
            log.error(at: location, "'\(written)' refers to \(id), which is \(reason)",
                      hint: "publish that page, or remove the reference")
            return nil
        }
        let candidates = index.published.filter { $0.kind == id.kind }.map(\.slug).sorted()
        let noun = id.kind == .country ? "country profile" : id.kind.label.lowercased() + " page"
        var hint = Suggestion.closest(to: id.slug, in: candidates).map { "did you mean '\($0)'?" }
        if hint == nil {
            hint = "create content/\(id.sourcePath), or correct the reference"
        }
        log.error(at: location, "no \(noun) '\(id.slug)': '\(written)' refers to content/\(id.sourcePath), which does not exist", hint: hint)
        return nil
    }

    /// Parses a `related` entry (`products/facial-recognition`) into a page id.
    package func relatedReference(_ written: Located<String>) -> PageID? {
        let parts = written.value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = PageKind(folder: String(parts[0])), !parts[1].isEmpty else {
            log.error(at: written.location, "'\(written.value)' is not a page reference",
                      hint: "write folder/slug: products/<slug>, countries/<code>, guidance/<slug> or pages/<slug>")
            return nil
        }
        var slug = String(parts[1])
        if slug.hasSuffix(".md") {
            log.error(at: written.location, "a reference names the page, not the file: drop '.md'",
                      hint: "write '\(kind.folder)/\(slug.dropLast(3))'")
            return nil
        }
        if kind == .country { slug = slug.lowercased() }
        return reference(PageID(kind, slug), at: written.location, written: written.value)
    }

    /// Checks a Markdown link written in `page` and gives the URL it must have
    /// in the output (nil: leave as written), and what it points at.
    package func resolve(_ link: MarkdownLink, in page: PageID, ownHeadings: FragmentIDs) -> (url: String?, target: Target?) {
        let destination = link.destination
        if destination.isEmpty { return (nil, nil) }
        if URLCheck.hasScheme(destination) { return (nil, .external) }
        let (path, fragment) = LinkResolver.splitFragment(destination)
        if path.isEmpty, let fragment {
            guard ownHeadings.contains(fragment) else {
                log.error(at: link.location, "no heading with id '#\(fragment)' on this page",
                          hint: LinkResolver.fragmentHint(fragment, ownHeadings))
                return (nil, nil)
            }
            return (nil, .fragment(fragment))
        }
        let resolved: String
        do {
            resolved = try ContentPath.resolve(path, from: page.kind.folder)
        } catch {
            let message: String
            switch error {
            case .absolute: message = "link '\(destination)' is an absolute path, which breaks when the site is published under a sub-path or opened from a file share"
            case .escapesContent: message = "link '\(destination)' leads outside the content folder"
            case .encodedSeparator: message = "link '\(destination)' hides a path separator in percent-encoding"
            }
            log.error(at: link.location, message, hint: "link to the Markdown file relative to this one, e.g. ../products/facial-recognition.md")
            return (nil, nil)
        }
        if resolved.hasPrefix("assets/") {
            guard index.assets.contains(resolved) else {
                log.error(at: link.location, "link '\(destination)' points to content/\(resolved), which does not exist",
                          hint: Suggestion.closest(to: resolved, in: Array(index.assets)).map { "did you mean '\($0)'?" }
                            ?? "put the file in content/assets/")
                return (nil, nil)
            }
            return (RelativeURL.from(page.outputPath, to: resolved) + (fragment.map { "#" + $0 } ?? ""), .asset(resolved))
        }
        guard resolved.hasSuffix(".md"), let id = PageDecoder.pageID(forPath: resolved) else {
            log.error(at: link.location, "link '\(destination)' is not a page or an asset",
                      hint: "link to a .md file in guidance/, products/, countries/ or pages/, or to a file in assets/")
            return (nil, nil)
        }
        guard reference(id, at: link.location, written: destination) != nil else { return (nil, nil) }
        if let fragment {
            let ids = index.headingIDs[id] ?? []
            guard ids.contains(fragment) else {
                log.error(at: link.location, "\(id) has no heading with id '#\(fragment)'",
                          hint: LinkResolver.fragmentHint(fragment, ids))
                return (nil, nil)
            }
        }
        return (RelativeURL.from(page.outputPath, to: id.outputPath) + (fragment.map { "#" + $0 } ?? ""),
                .page(id, fragment: fragment))
    }

    package static func splitFragment(_ destination: String) -> (path: String, fragment: String?) {
        // An ASCII link (most are) is searched by byte: a character is a byte there.
        let ascii = destination.utf8.allSatisfy { $0 < 0x80 }
        let found = ascii ? destination.utf8.firstIndex(of: UInt8(ascii: "#")) : destination.firstIndex(of: "#")
        guard let hash = found else { return (destination, nil) }
        let fragment = String(destination[destination.index(after: hash)...])
        return (String(destination[..<hash]), fragment.removingPercentEncodingSafely)
    }

    package static func fragmentHint(_ fragment: String, _ ids: FragmentIDs) -> String {
        if let match = Suggestion.closest(to: fragment, in: ids.sorted) { return "did you mean '#\(match)'?" }
        if ids.isEmpty { return "that page has no headings" }
        return "headings there: " + ids.sorted.prefix(8).map { "#" + $0 }.joined(separator: ", ")
    }
}

extension String {
    package var removingPercentEncodingSafely: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let b = iterator.next() {
            if b == UInt8(ascii: "%"), let h = iterator.next(), let l = iterator.next(),
               let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
