import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// `feed.xml`: the pages that changed, newest first, as an Atom feed
/// (RFC 4287). With `base_url` the links are absolute; without it they are
/// relative to the feed, which feed readers resolve against its address, and
/// entry ids are `urn:diligence:` names that stay stable across builds.
package struct AtomFeed {
    package var site: SiteConfig
    package var entries: [DatedPage]
    /// The interface's words in the site's language (kind labels, "Changed 2 December 2026").
    package var strings: InterfaceStrings
    package static let limit = 50

    package func xml() -> String {
        let base = site.baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        func url(_ path: String) -> String { (base ?? "") + path }
        func id(_ path: String) -> String { base.map { $0 + path } ?? "urn:diligence:" + path }
        let shown = entries.prefix(AtomFeed.limit)
        let updated = shown.first.map { AtomFeed.timestamp($0.date) } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(x(site.language))">
        <title>\(x(site.title))</title>
        <subtitle>\(x(site.description))</subtitle>
        <link rel="alternate" type="text/html" href="\(x(url(SiteRenderer.Paths.changes)))"/>
        <link rel="self" type="application/atom+xml" href="\(x(url(SiteRenderer.Paths.feed)))"/>
        <id>\(x(id(SiteRenderer.Paths.feed)))</id>
        <updated>\(updated)</updated>
        <author><name>\(x(site.title))</name></author>
        <generator>Diligence</generator>

        """
        for entry in shown {
            let path = entry.page.id.outputPath
            xml += """
            <entry>
            <title>\(x(entry.page.page.title))</title>
            <link rel="alternate" type="text/html" href="\(x(url(path)))"/>
            <id>\(x(id(path)))</id>
            <updated>\(AtomFeed.timestamp(entry.date))</updated>
            <category term="\(x(entry.page.id.kind.rawValue))" label="\(x(strings.label(entry.page.id.kind)))"/>
            <summary>\(x(InterfaceStrings.capitalizingFirst(entry.note(strings)) + ". " + entry.page.page.summary))</summary>
            </entry>

            """
        }
        return xml + "</feed>\n"
    }

    private func x(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// RFC 3339 at midnight UTC; a year or month alone means its first day.
    package static func timestamp(_ date: PartialDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date.year)-\(two(date.month ?? 1))-\(two(date.day ?? 1))T00:00:00Z"
    }
}
