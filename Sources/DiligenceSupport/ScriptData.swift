import Foundation

/// Generated data delivered as a JavaScript file (`window.X = {…};`) and
/// loaded with a script element: unlike `fetch`, that works from `file://`,
/// and the CSP's `script-src 'self'` allows it.
///
/// The value is JSON, with every character that could end or confuse the
/// script escaped: `<` (so `</script>` and `<!--` cannot appear), `>`, `&`,
/// and U+2028/U+2029 (line terminators in older JavaScript). They can only
/// occur inside JSON strings, where `\uXXXX` means the same character.
package enum ScriptData {
    package static func assignment<T: Encodable>(_ name: String, _ value: T) -> String {
        "window.\(name) = \(json(value));\n"
    }

    /// `function("key", value);`: a data file that hands itself to a
    /// registry the page's script set up (`DiligenceSearch.put`).
    package static func call<T: Encodable>(_ function: String, _ key: String, _ value: T) -> String {
        "\(function)(\(json(key)),\(json(value)));\n"
    }

    package static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        // Escaped on bytes: U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + data.count / 16)
        data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            var i = 0
            while i < input.count {
                let byte = input[i]
                switch byte {
                case UInt8(ascii: "<"): bytes += Array("\\u003c".utf8)
                case UInt8(ascii: ">"): bytes += Array("\\u003e".utf8)
                case UInt8(ascii: "&"): bytes += Array("\\u0026".utf8)
                case 0xE2 where i + 2 < input.count && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9):
                    bytes += Array((input[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default: bytes.append(byte)
                }
                i += 1
            }
        }
        let out = String(decoding: bytes, as: UTF8.self)
        return out
    }
}
