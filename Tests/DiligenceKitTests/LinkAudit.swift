import Foundation

/// Reads built HTML the way a browser opening it from file:// would, and lists
/// every internal link that does not lead to an existing file and fragment.
enum LinkAudit {
    static func htmlFiles(in root: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".html") { files.append(path) }
        }
        return files.sorted()
    }

    static func links(in html: String) -> [String] {
        var result: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let range = rest.range(of: attribute) {
                let after = rest[range.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                result.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return result
    }

    static func ids(in html: String) -> Set<String> {
        Set(links(in: html.replacingOccurrences(of: " id=\"", with: " href=\"#")).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) })
    }

    static func count(in root: String) -> Int {
        htmlFiles(in: root).reduce(0) { total, file in
            total + links(in: (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? "").count
        }
    }

    static func brokenLinks(in root: String) -> [String] {
        var broken: [String] = []
        for file in htmlFiles(in: root) {
            let html = (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? ""
            for link in links(in: html) {
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
                if link == "data:," { continue } // the empty favicon that spares a request
                let decoded = link.replacingOccurrences(of: "&amp;", with: "&")
                let parts = decoded.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let path = String(parts[0])
                let fragment = parts.count > 1 ? String(parts[1]) : nil
                let target: String
                if path.isEmpty {
                    target = file
                } else {
                    target = URL(fileURLWithPath: root + "/" + file).deletingLastPathComponent()
                        .appendingPathComponent(path).standardizedFileURL.path
                        .replacingOccurrences(of: URL(fileURLWithPath: root).standardizedFileURL.path + "/", with: "")
                }
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: root + "/" + target, isDirectory: &isDir), !isDir.boolValue else {
                    broken.append("\(file): \(link)")
                    continue
                }
                // A fragment like "#country=cn" is state a page's script reads, not an anchor.
                if let fragment, !fragment.isEmpty, !fragment.contains("="), target.hasSuffix(".html") {
                    let targetHTML = (try? String(contentsOfFile: root + "/" + target, encoding: .utf8)) ?? ""
                    if !ids(in: targetHTML).contains(fragment) { broken.append("\(file): \(link) (no #\(fragment))") }
                }
            }
        }
        return broken
    }
}
