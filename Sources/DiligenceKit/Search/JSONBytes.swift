/// Appends JSON to a byte buffer without Foundation's encoder: for the
/// search index, where millions of small strings make `JSONEncoder` and a
/// second escaping pass the slowest part of the build. Escapes like
/// `ScriptData`: `"` `\` and control characters as JSON requires, and `<`,
/// `>`, `&`, U+2028, U+2029 as `\uXXXX`, so the text cannot end or alter the
/// script it is embedded in.
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "<"): escape(0x3C)
            case UInt8(ascii: ">"): escape(0x3E)
            case UInt8(ascii: "&"): escape(0x26)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x00..<0x20: escape(UInt16(byte))
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                guard let b1 = utf8.next() else { bytes.append(byte); continue }
                guard let b2 = utf8.next() else { bytes.append(byte); bytes.append(b1); continue }
                if b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9) {
                    escape(b2 == 0xA8 ? 0x2028 : 0x2029)
                } else {
                    bytes.append(byte); bytes.append(b1); bytes.append(b2)
                }
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    mutating func base36(_ value: Int) {
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
    mutating func decimal(_ value: Int) {
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
    mutating func object(_ body: (inout Fields) -> Void) {
        var fields = Fields(json: self)
        bytes = []
        fields.json.bytes.append(UInt8(ascii: "{"))
        body(&fields)
        fields.json.bytes.append(UInt8(ascii: "}"))
        self = fields.json
    }

    /// `[…]` of `items`, each written by `write`.
    mutating func array<T>(_ items: [T], _ write: (inout JSONBytes, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            write(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func strings(_ items: [String]) {
        array(items) { $0.string($1) }
    }

    /// The fields of an object being written: commas between them.
    struct Fields {
        var json: JSONBytes
        private var count = 0

        init(json: JSONBytes) { self.json = json }

        mutating func field(_ name: StaticString, _ value: (inout JSONBytes) -> Void) {
            if count > 0 { json.bytes.append(UInt8(ascii: ",")) }
            count += 1
            json.bytes.append(UInt8(ascii: "\""))
            json.raw(name)
            json.raw("\":")
            value(&json)
        }
    }
}
