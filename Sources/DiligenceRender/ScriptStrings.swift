import DiligenceSupport

/// The interface strings a browser script shows (the theme's keys starting
/// with `js_`), as a statement that adds them to `window.DiligenceStrings`.
/// The CSP allows no inline script, so they travel in a script file: the
/// search keys (`js_search_…`) at the top of `static/search.js`, which every
/// page loads anyway (a request less for the first query), the others in
/// `static/strings-<lang>.js`, which the screening page loads.
package enum ScriptStrings {
    /// Keys the search script shows.
    package static func isSearchKey(_ key: String) -> Bool { key.hasPrefix("js_search_") }

    /// `window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {…});`
    /// with the `js_` keys that pass `include`, sorted. Merging, not
    /// assigning, lets the two files load in either order.
    package static func statement(_ strings: InterfaceStrings, including include: (String) -> Bool) -> [UInt8] {
        var json = JSONBytes(capacity: 4096)
        json.raw("window.DiligenceStrings = Object.assign(window.DiligenceStrings || {}, {")
        for (i, key) in strings.texts.keys.sorted().filter({ $0.hasPrefix("js_") && include($0) }).enumerated() {
            json.raw(i > 0 ? ",\n" : "\n")
            json.string(key)
            json.raw(": ")
            json.string(strings[key])
        }
        json.raw("\n});\n")
        return json.bytes
    }
}
