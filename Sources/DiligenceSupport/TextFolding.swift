import Foundation

/// Splits text into search words and folds them the way the browser script
/// does (`static/search.js`, `words`): decompose (NFD), drop non-spacing
/// marks, lower-case, final sigma as sigma, `œ` as `oe` and `æ` as `ae`; a
/// word is a run of letters and digits (`\p{L}\p{N}`). So `État` and `etat`,
/// `Côte` and `cote`, `œuvre` and `oeuvre` meet in one term. In French
/// (`elide`), an elided article or pronoun before an apostrophe (`l'`, `d’`,
/// `qu'`, … — `elisions`) is dropped when a word follows it at once:
/// `l'exportation` is the word `exportation`. The two sides must agree
/// exactly: a change here is a change there.
package enum TextFolding {
    /// Elided words dropped before an apostrophe (' or ’) in French.
    package static let elisions: Set<String> = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]

    /// The folded words of `text`, in order.
    package static func words(_ text: String, elide: Bool = false) -> [String] {
        var result: [String] = []
        forEachWord(text, elide: elide) { result.append($0) }
        return result
    }

    /// Folds a whole string: its words joined by single spaces.
    package static func fold(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// Calls `body` with each folded word.
    package static func forEachWord(_ text: String, elide: Bool = false, _ body: (String) -> Void) {
        forEachWordForm(text, elide: elide, lowerCased: false) { folded, _ in body(folded) }
    }

    /// Calls `body` with each word: folded, and (if `lowerCased`) lower-cased
    /// with its diacritics, composed (NFC) — what a Snowball stemmer expects —
    /// or nil when that is the folded word itself (ASCII words). ASCII takes
    /// a byte-level path; other characters are decoded and folded one scalar
    /// at a time.
    package static func forEachWordForm(_ text: String, elide: Bool, lowerCased: Bool, _ body: (String, String?) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var lower: [UInt8] = []
        var distinct = false  // the word has a non-ASCII scalar: `lower` may differ from `word`
        // An elided word ended by an apostrophe: dropped if a word follows at
        // once (marks aside), given to `body` otherwise.
        var pending: (String, String?)?
        func end(apostrophe: Bool) {
            guard !word.isEmpty else {
                if let elided = pending { pending = nil; body(elided.0, elided.1) }
                return
            }
            let folded = String(decoding: word, as: UTF8.self)
            var lowered: String?
            if lowerCased, distinct {
                let composed = String(decoding: lower, as: UTF8.self).precomposedStringWithCanonicalMapping
                if composed != folded { lowered = composed }
            }
            word.removeAll(keepingCapacity: true)
            lower.removeAll(keepingCapacity: true)
            distinct = false
            if elide, apostrophe, elisions.contains(folded) { pending = (folded, lowered) } else { body(folded, lowered) }
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    pending = nil
                    word.append(byte)
                    if lowerCased { lower.append(byte) }
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    pending = nil
                    word.append(byte + 32)
                    if lowerCased { lower.append(byte + 32) }
                default:
                    end(apostrophe: byte == UInt8(ascii: "'"))
                }
                i += 1
                continue
            }
            // A run of non-ASCII bytes, up to the next ASCII byte.
            var runEnd = i
            while runEnd < bytes.count, bytes[runEnd] >= 0x80 { runEnd += 1 }
            let run = String(decoding: bytes[i..<runEnd], as: UTF8.self)
            for scalar in run.decomposedStringWithCanonicalMapping.unicodeScalars {
                if isMark(scalar) {
                    // Dropped from the folded word, kept for the stemmer.
                    if lowerCased, !word.isEmpty { lower.append(contentsOf: String(scalar).utf8); distinct = true }
                    continue
                }
                if isWordScalar(scalar) {
                    pending = nil
                    let mapped = scalar.properties.lowercaseMapping
                    switch mapped {
                    case "ς": word.append(contentsOf: "σ".utf8)
                    case "œ": word.append(contentsOf: "oe".utf8)
                    case "æ": word.append(contentsOf: "ae".utf8)
                    default: word.append(contentsOf: mapped.utf8)
                    }
                    if lowerCased { lower.append(contentsOf: mapped.utf8); distinct = true }
                } else {
                    end(apostrophe: scalar == "\u{2019}")
                }
            }
            i = runEnd
        }
        end(apostrophe: false)
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
