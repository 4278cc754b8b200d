import DiligenceSupport

/// The interface strings a browser script shows (the theme's keys starting
/// with `js_`), as a statement that adds them to `window.DiligenceStrings`.
/// The CSP allows no inline script, so they travel in script files: a theme
/// script `static/NAME.js` starts with its own keys (`js_NAME_…`), so a page
/// needs no request for them (the search's first query, the screening page),
/// and a site's own page template that loads the script needs nothing else.
/// `static/strings-<lang>.js` still holds every `js_` key, for sites whose
/// own `base.mustache` loads it.
package enum ScriptStrings {
    /// The keys of the script published at `path` (`static/search.js` → `js_search_…`).
    package static func keyPrefix(ofScript path: String) -> String {
        let name = path.split(separator: "/").last.map { $0.hasSuffix(".js") ? $0.dropLast(3) : $0 } ?? ""
        return "js_" + name + "_"
    }

    /// `window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {…});`
    /// with the keys starting with `prefix`, sorted; empty when there is none.
    /// Merging, not assigning, lets the files load in any order.
    package static func statement(_ strings: InterfaceStrings, prefix: String = "js_") -> [UInt8] {
        let keys = strings.texts.keys.filter { $0.hasPrefix(prefix) }.sorted()
        guard !keys.isEmpty else { return [] }
        var json = JSONBytes(capacity: 4096)
        json.raw("window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {")
        for (i, key) in keys.enumerated() {
            json.raw(i > 0 ? ",\n" : "\n")
            json.string(key)
            json.raw(": ")
            json.string(strings[key])
        }
        json.raw("\n});\n")
        return json.bytes
    }
}
