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
    /// U+2028 and U+2029). Plain ASCII is passed over eight bytes at a time
    /// (`isPlain`): the search records hold every page's text, and the byte
    /// loop was 2 % of a long-bodies build's samples (`perf`).
    package mutating func string(_ text: String) {
        appendString(text, wordAtATime: true)
    }

    /// `string`, with or without the eight-byte steps (the tests compare the two).
    package mutating func appendString(_ text: String, wordAtATime: Bool) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            // Bytes up to here are looked at one by one (a word with a byte to look at).
            var bytewise = 0
            while i < utf8.count {
                if wordAtATime, i >= bytewise {
                    if i + 8 <= utf8.count, Self.isPlain(UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                        i += 8
                        continue
                    }
                    bytewise = i + 8
                }
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

    /// Whether eight bytes (one per lane) are all ASCII with none to escape:
    /// no control character, `"`, `\\`, `<`, `>` or `&` (nor a byte of
    /// U+2028 or U+2029, which are not ASCII). Each test is exact, with no
    /// false "plain": `hasZero` finds a zero lane; lanes past one may be
    /// marked wrongly, which only makes the word bytewise.
    static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
        let below0x20 = (word &- ones &* 0x20) & ~word & high
        let special = hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) | hasZero(word ^ (ones &* 0x3C))
            | hasZero(word ^ (ones &* 0x3E)) | hasZero(word ^ (ones &* 0x26))
        return (below0x20 | special | (word & high)) == 0
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
