/// Appends JSON to a byte buffer without Foundation's encoder: for the
/// search index, where millions of small strings make `JSONEncoder` and a
/// second escaping pass the slowest part of the build. Escapes like
/// `ScriptData`: `"` `\` and control characters as JSON requires, and `<`,
/// `>`, `&`, U+2028, U+2029 as `\uXXXX`, so the text cannot end or alter the
/// script it is embedded in.
package struct JSONBytes {
    package var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string, safe inside a script element: runs of plain bytes are
    /// copied at once, the rest escaped (`"`, `\\`, controls, `< > &`,
    /// U+2028 and U+2029).
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                    break
                case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    break
                default:
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0xE2:
                    escape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    i += 2
                default: escape(UInt16(byte))
                }
                i += 1
                start = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    package mutating func base36(_ value: Int) {
        let digits: StaticString = "0123456789abcdefghijklmnopqrstuvwxyz"
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var n = value
        var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &buffer) { out in
            digits.withUTF8Buffer { table in
                while n > 0 {
                    out[count] = table[n % 36]
                    n /= 36
                    count += 1
                }
            }
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(out[i]) }
        }
    }

    /// A non-negative integer in decimal.
    package mutating func decimal(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    private mutating func escape(_ code: UInt16) {
        let hex: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "u"))
        hex.withUTF8Buffer { table in
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(table[Int((code >> UInt16(shift)) & 0xF)]) }
        }
    }

    /// `{…}`: `body` adds the fields, in the order they should appear.
    package mutating func object(_ body: (inout Fields) -> Void) {
        var fields = Fields(json: self)
        bytes = []
        fields.json.bytes.append(UInt8(ascii: "{"))
        body(&fields)
        fields.json.bytes.append(UInt8(ascii: "}"))
        self = fields.json
    }

    /// `[…]` of `items`, each written by `write`.
    package mutating func array<T>(_ items: [T], _ write: (inout JSONBytes, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    package mutating func strings(_ items: [String]) {
        array(items) { $0.string($1) }
    }

    /// The fields of an object being written: commas between them.
    package struct Fields {
        package var json: JSONBytes
        private var count = 0

        package init(json: JSONBytes) { self.json = json }

        package mutating func field(_ name: StaticString, _ value: (inout JSONBytes) -> Void) {
            if count > 0 { json.bytes.append(UInt8(ascii: ",")) }
            count += 1
            json.bytes.append(UInt8(ascii: "\""))
            json.raw(name)
            json.raw("\":")
            value(&json)
        }
    }
}
