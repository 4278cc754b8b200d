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
    /// or nil when that is the folded word itself (ASCII words).
    package static func forEachWordForm(_ text: String, elide: Bool, lowerCased: Bool, _ body: (String, String?) -> Void) {
        forEachWordBytes(text, elide: elide, lowerCased: lowerCased) { folded, lower in
            body(String(decoding: folded, as: UTF8.self), lower.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// `forEachWordForm` with each word as UTF-8 bytes, valid during the
    /// call only: the search index counts a page's words by their bytes,
    /// without a String per occurrence. ASCII takes a byte-level path; other
    /// characters are decoded and folded one scalar at a time.
    package static func forEachWordBytes(_ text: String, elide: Bool, lowerCased: Bool,
                                         _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void) {
        var text = text
        text.withUTF8 { forEachWordBytes($0, elide: elide, lowerCased: lowerCased, body) }
    }

    private static func forEachWordBytes(_ bytes: UnsafeBufferPointer<UInt8>, elide: Bool, lowerCased: Bool,
                                         _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>?) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(64)
        // Only for a word with a non-ASCII scalar (`distinct`): until one
        // comes, the word lower-cased is `word` itself.
        var lower: [UInt8] = []
        var distinct = false  // the word has a non-ASCII scalar: `lower` may differ from `word`
        // An elided word ended by an apostrophe: dropped if a word follows at
        // once (marks aside), given to `body` otherwise.
        var pending: ([UInt8], [UInt8]?)?
        func emit(_ folded: [UInt8], _ lowered: [UInt8]?) {
            folded.withUnsafeBufferPointer { f in
                if let lowered { lowered.withUnsafeBufferPointer { body(f, $0) } } else { body(f, nil) }
            }
        }
        func end(apostrophe: Bool) {
            guard !word.isEmpty else {
                if let elided = pending { pending = nil; emit(elided.0, elided.1) }
                return
            }
            var lowered: [UInt8]?
            if lowerCased, distinct {
                let folded = String(decoding: word, as: UTF8.self)
                let composed = String(decoding: lower, as: UTF8.self).precomposedStringWithCanonicalMapping
                if composed != folded { lowered = Array(composed.utf8) }
            }
            if elide, apostrophe, elisions.contains(String(decoding: word, as: UTF8.self)) {
                pending = (word, lowered)
            } else {
                emit(word, lowered)
            }
            word.removeAll(keepingCapacity: true)
            lower.removeAll(keepingCapacity: true)
            distinct = false
        }
        /// Before a non-ASCII scalar's bytes go into `lower`: the word so far, lower-cased, is `word`.
        func startLower() {
            if !distinct { lower.removeAll(keepingCapacity: true); lower.append(contentsOf: word); distinct = true }
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                if word.isEmpty {
                    // Between words, with no elided word waiting: `end` would do nothing.
                    if pending == nil, !isASCIIWord(byte) {
                        i += 1
                        continue
                    }
                    // A word of ASCII letters and digits, ended by ASCII (most
                    // words): given as it stands in the text if it is lower
                    // case, lower-cased in one go otherwise.
                    if isASCIIWord(byte) {
                        var j = i
                        var upper = false
                        while j < bytes.count, isASCIIWord(bytes[j]) {
                            upper = upper || bytes[j] <= UInt8(ascii: "Z") && bytes[j] >= UInt8(ascii: "A")
                            j += 1
                        }
                        if j == bytes.count || (bytes[j] < 0x80 && !(elide && bytes[j] == UInt8(ascii: "'"))) {
                            pending = nil
                            if upper {
                                for k in i..<j { word.append(bytes[k] &+ (bytes[k] >= UInt8(ascii: "A") && bytes[k] <= UInt8(ascii: "Z") ? 32 : 0)) }
                                emit(word, nil)
                                word.removeAll(keepingCapacity: true)
                            } else {
                                body(UnsafeBufferPointer(rebasing: bytes[i..<j]), nil)
                            }
                            i = j
                            continue
                        }
                    }
                }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    pending = nil
                    word.append(byte)
                    if distinct { lower.append(byte) }
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    pending = nil
                    word.append(byte + 32)
                    if distinct { lower.append(byte + 32) }
                default:
                    end(apostrophe: byte == UInt8(ascii: "'"))
                }
                i += 1
                continue
            }
            // A run of non-ASCII bytes, up to the next ASCII byte.
            var runEnd = i
            while runEnd < bytes.count, bytes[runEnd] >= 0x80 { runEnd += 1 }
            let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<runEnd]), as: UTF8.self)
            for scalar in run.decomposedStringWithCanonicalMapping.unicodeScalars {
                if isMark(scalar) {
                    // Dropped from the folded word, kept for the stemmer.
                    if lowerCased, !word.isEmpty { startLower(); lower.append(contentsOf: String(scalar).utf8) }
                    continue
                }
                if isWordScalar(scalar) {
                    pending = nil
                    let mapped = scalar.properties.lowercaseMapping
                    if lowerCased { startLower(); lower.append(contentsOf: mapped.utf8) }
                    switch mapped {
                    case "ς": word.append(contentsOf: "σ".utf8)
                    case "œ": word.append(contentsOf: "oe".utf8)
                    case "æ": word.append(contentsOf: "ae".utf8)
                    default: word.append(contentsOf: mapped.utf8)
                    }
                } else {
                    end(apostrophe: scalar == "\u{2019}")
                }
            }
            i = runEnd
        }
        end(apostrophe: false)
    }

    private static func isLowerASCIIWord(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isASCIIWord(_ byte: UInt8) -> Bool {
        isLowerASCIIWord(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
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
