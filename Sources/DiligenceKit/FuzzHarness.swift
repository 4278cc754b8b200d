import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// One content file through every stage that reads untrusted input, in
/// memory: used by the libFuzzer target (`Sources/DiligenceFuzz`) and by the
/// regression test that replays the crashers it found.
package enum FuzzHarness {
    static let site: SiteConfig = {
        let yaml = """
        title: Fuzz
        description: Fuzz.
        language: en
        review_interval_months: 12
        risk_levels: [low, medium, high, critical]
        regions: {east-asia-pacific: East Asia}
        categories: {biometrics: Biometrics}
        factors: {documented-abuses: Abuses}
        regimes: {wassenaar: Wassenaar}
        """
        return SiteConfigDecoder.decode(SourceFile(relativePath: "site.yml", displayPath: "site.yml", bytes: Array(yaml.utf8)),
                                        log: DiagnosticLog())!
    }()

    /// The kinds a file is tried as, by its path.
    static let paths = ["products/fuzz.md", "countries/cn.md", "guidance/fuzz.md", "pages/fuzz.md"]

    /// Returns the number of diagnostics (so the work is not optimised away).
    @discardableResult
    package static func run(_ bytes: [UInt8]) -> Int {
        let log = DiagnosticLog()
        let decoder = PageDecoder(site: site, today: PartialDate(year: 2026, month: 11, day: 22))
        var pages: [Page] = []
        for path in paths {
            if let page = decoder.decode(SourceFile(relativePath: path, displayPath: path, bytes: bytes), log: log) {
                pages.append(page)
            }
        }
        let parsed = pages.map(ParsedPage.init)
        let index = PageIndex(published: Set(pages.map(\.id)),
                              headingIDs: Dictionary(parsed.map { ($0.id, $0.linkableIDs) }, uniquingKeysWith: { a, _ in a }),
                              excluded: [:], assets: ["assets/a.pdf"])
        let graph = SiteGraphBuilder(site: site, index: index, log: log).build(parsed)
        for page in graph.pages { _ = page.document.html() }
        return log.diagnostics.count
    }
}
