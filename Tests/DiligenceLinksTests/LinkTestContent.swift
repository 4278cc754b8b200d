import Foundation

/// A throwaway content folder: `site.yml` and the pages a test writes.
struct LinkTestContent {
    let root: URL
    var content: String { root.appendingPathComponent("content").path }
    var cache: String { root.appendingPathComponent(".diligence-cache/links.json").path }

    static let siteYAML = """
    title: Test KB
    description: A test knowledge base.
    language: en
    risk_levels: [low, medium, high, critical]
    regions:
      europe: Europe
    categories:
      biometrics: Biometric identification
    factors:
      documented-abuses: Record of human rights abuses
    regimes:
      wassenaar: Wassenaar Arrangement participating state

    """

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-links-" + UUID().uuidString)
        try write("site.yml", LinkTestContent.siteYAML)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent("content").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
