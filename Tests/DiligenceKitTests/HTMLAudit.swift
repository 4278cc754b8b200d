import Foundation

/// Reads built HTML for anything that could run script: script elements other
/// than the site's own files, event-handler attributes, script URLs, and
/// embedding elements. Attribute values are entity-decoded first, so
/// `&#106;avascript:` is seen as `javascript:`.
enum HTMLAudit {
    static let ownScript = try! NSRegularExpression(pattern: #"^<script src="(\.\./)*(static|data)/[a-z-]+\.js"( defer)?>$"#)
    static let tag = try! NSRegularExpression(pattern: #"<[a-zA-Z][^>]*>"#)
    static let attribute = try! NSRegularExpression(pattern: #"\s([a-zA-Z:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))"#)

    static func problems(in html: String, file: String) -> [String] {
        var found: [String] = []
        let ns = html as NSString
        for match in tag.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            let element = ns.substring(with: match.range)
            let name = element.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
            if name == "script", ownScript.firstMatch(in: element, range: NSRange(location: 0, length: (element as NSString).length)) == nil {
                found.append("\(file): foreign script element \(element)")
            }
            if ["iframe", "object", "embed", "svg", "math", "base", "meta"].contains(name), !(name == "meta" && isOwnMeta(element)) {
                found.append("\(file): <\(name)> element \(element)")
            }
            let e = element as NSString
            for attr in attribute.matches(in: element, range: NSRange(location: 0, length: e.length)) {
                let key = e.substring(with: attr.range(at: 1)).lowercased()
                var value = ""
                for group in 3...5 where attr.range(at: group).location != NSNotFound { value = e.substring(with: attr.range(at: group)) }
                if key.hasPrefix("on") { found.append("\(file): event handler \(key) in \(element)") }
                if ["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"].contains(key) {
                    let url = decodeEntities(value).filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }.lowercased()
                    for scheme in ["javascript:", "vbscript:", "data:"] where url.hasPrefix(scheme) && url != "data:," {
                        found.append("\(file): \(scheme) URL in \(element)")
                    }
                }
            }
        }
        return found
    }

    private static func isOwnMeta(_ element: String) -> Bool {
        element.hasPrefix("<meta charset=") || element.hasPrefix("<meta name=") || element.hasPrefix("<meta http-equiv=\"Content-Security-Policy\"")
    }

    /// Decodes `&name;`, `&#N;` and `&#xN;` (enough to see through obfuscated schemes).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 else {
                out += "&"
                rest = after
                continue
            }
            let entity = String(after[..<semi])
            var scalar: Unicode.Scalar?
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
            else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
            else { scalar = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n"][entity]?.unicodeScalars.first }
            if let scalar { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
            rest = after[after.index(after: semi)...]
        }
        return out + rest
    }
}
