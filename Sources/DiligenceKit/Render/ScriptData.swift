import Foundation

/// Generated data delivered as a JavaScript file (`window.X = {…};`) and
/// loaded with a script element: unlike `fetch`, that works from `file://`,
/// and the CSP's `script-src 'self'` allows it.
///
/// The value is JSON, with every character that could end or confuse the
/// script escaped: `<` (so `</script>` and `<!--` cannot appear), `>`, `&`,
/// and U+2028/U+2029 (line terminators in older JavaScript). They can only
/// occur inside JSON strings, where `\uXXXX` means the same character.
public enum ScriptData {
    public static func assignment<T: Encodable>(_ name: String, _ value: T) -> String {
        "window.\(name) = \(json(value));\n"
    }

    /// `function("key", value);`: a data file that hands itself to a
    /// registry the page's script set up (`DiligenceSearch.put`).
    public static func call<T: Encodable>(_ function: String, _ key: String, _ value: T) -> String {
        "\(function)(\(json(key)),\(json(value)));\n"
    }

    public static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        var out = ""
        out.reserveCapacity(data.count)
        for scalar in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
