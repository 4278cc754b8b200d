import Foundation

/// Splits text into search words and folds them the way the browser script
/// does (`static/search.js`, `fold` and `words`): decompose (NFD), drop
/// non-spacing marks, lower-case, final sigma as sigma; a word is a run of
/// letters and digits (`\p{L}\p{N}`). So `État` and `etat`, `Côte` and
/// `cote` meet in one term. The two sides must agree exactly: a change here
/// is a change there.
package enum TextFolding {
    /// The folded words of `text`, in order.
    package static func words(_ text: String) -> [String] {
        var result: [String] = []
        forEachWord(text) { result.append($0) }
        return result
    }

    /// Folds a whole string: its words joined by single spaces.
    package static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// Calls `body` with each folded word. ASCII takes a byte-level path;
    /// other characters are decoded and folded one scalar at a time.
    package static func forEachWord(_ text: String, _ body: (String) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default:
                    if !word.isEmpty { body(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
                }
                i += 1
                continue
            }
            // A run of non-ASCII bytes, up to the next ASCII byte.
            var end = i
            while end < bytes.count, bytes[end] >= 0x80 { end += 1 }
            let run = String(decoding: bytes[i..<end], as: UTF8.self)
            for scalar in run.decomposedStringWithCanonicalMapping.unicodeScalars {
                if isMark(scalar) { continue }
                if isWordScalar(scalar) {
                    let lower = scalar.properties.lowercaseMapping
                    word.append(contentsOf: (lower == "ς" ? "σ" : lower).utf8)
                } else if !word.isEmpty {
                    body(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
            i = end
        }
        if !word.isEmpty { body(String(decoding: word, as: UTF8.self)) }
    }

    package static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }

    /// `\p{L}` or `\p{N}`.
    package static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
