import Cstemmer
import DiligenceSupport
import Foundation

/// The language of a search index: how its words are folded (French drops
/// elided articles, `l'exportation` → `exportation`) and stemmed (Snowball's
/// English or French algorithm). Taken from a BCP 47 tag by its primary
/// subtag (`fr-CA` is French); any other language is folded without
/// elisions and not stemmed.
package struct SearchLanguage: Sendable, Hashable {
    /// "en", "fr", or "" (no stemming).
    package var code: String

    package init(_ tag: String) {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        code = ["en", "fr"].contains(primary) ? primary : ""
    }

    /// French elisions are dropped (`TextFolding.elisions`).
    package var elides: Bool { code == "fr" }

    /// The Snowball algorithm's name for `sb_stemmer_new`.
    var algorithm: String? {
        switch code {
        case "en": "english"
        case "fr": "french"
        default: nil
        }
    }
}

/// A Snowball stemmer (libstemmer), the stem keys it gave, and the index's
/// terms numbered: the key of a word is the stem of the word lower-cased
/// with its diacritics (Snowball's French expects them), folded as the
/// browser folds (`TextFolding`) — `cameras` → `camera`,
/// `reconnaissances` → `reconnaiss`, `sociétés` → `societ`. An
/// `sb_stemmer` is not thread-safe: each distinct word is stemmed once,
/// under a lock, and remembered; a page asks for all its words at once
/// (`terms`), so threads tokenising pages take the lock once per page, not
/// per word.
///
/// Terms (stem keys and redirects) are numbered as they are first met, so
/// that a page's postings are pairs of integers and the index is merged
/// without hashing a string per posting; `allTerms` gives the terms back,
/// by number.
package final class SearchStemmer: @unchecked Sendable {
    /// A word's terms, by number: its stem key, and the redirect from its
    /// folded form to that key (`redirectTerm`), or -1 when the form is the key.
    package struct WordTerms: Sendable {
        package var key: Int32
        package var redirect: Int32
    }

    package let language: SearchLanguage
    private let stemmer: OpaquePointer?
    /// Word (lower-cased, with diacritics) → its terms.
    private var known = ByteKeyedTable<WordTerms>(capacity: 1 << 16)
    private var numbers: [String: Int32] = [:]
    private var names: [String] = []
    /// Readers (the words already stemmed: nearly all, once a few hundred
    /// pages are done) share it; stemming a new word takes it alone. With
    /// one mutex, threads tokenising pages queued for their lookups.
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    package init(language: SearchLanguage) {
        self.language = language
        stemmer = language.algorithm.flatMap { sb_stemmer_new($0, "UTF_8") }
        lock = .allocate(capacity: 1)
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        sb_stemmer_delete(stemmer)
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Whether words are stemmed (English, French); if not, a word's key is
    /// the folded word.
    package var stems: Bool { stemmer != nil }

    /// The terms of a page's words: `words`' keys, lower-cased with
    /// diacritics; `folded`, by entry number, the folded form of those that
    /// differ from it.
    func terms<Value>(of words: ByteKeyedTable<Value>, folded: [Int: String]) -> [WordTerms] {
        var terms: [WordTerms] = []
        terms.reserveCapacity(words.count)
        var missing: [Int] = []
        pthread_rwlock_rdlock(lock)
        for n in 0..<words.count {
            if let k = words.withKey(n, { known.find($0, hash: words.hashes[n]) }) { terms.append(known.values[k]) } else {
                terms.append(WordTerms(key: -1, redirect: -1))
                missing.append(n)
            }
        }
        pthread_rwlock_unlock(lock)
        guard !missing.isEmpty else { return terms }
        pthread_rwlock_wrlock(lock)
        for n in missing {
            terms[n] = words.withKey(n) { bytes in
                let hash = words.hashes[n]
                if let k = known.find(bytes, hash: hash) { return known.values[k] }
                let lower = String(decoding: bytes, as: UTF8.self), form = folded[n] ?? lower
                let key = stemmer.map { Self.key($0, lower, folded: form) } ?? form
                let found = WordTerms(key: number(key),
                                      redirect: key == form ? -1 : number(Self.redirectTerm(form: form, key: key)))
                known.insert(bytes, hash: hash, value: found)
                return found
            }
        }
        pthread_rwlock_unlock(lock)
        return terms
    }

    /// The terms of words given as (lower-cased with diacritics, folded).
    package func terms(_ words: [(lower: String, folded: String)]) -> [WordTerms] {
        var distinct = ByteKeyedTable<Void>(capacity: words.count * 2)
        var folded: [Int: String] = [:]
        let entries = words.map { word in
            var lower = word.lower
            return lower.withUTF8 { bytes in
                let hash = ByteKeyedTable<Void>.hash(bytes)
                let n = distinct.find(bytes, hash: hash) ?? distinct.insert(bytes, hash: hash, value: ())
                folded[n] = word.folded
                return n
            }
        }
        let terms = terms(of: distinct, folded: folded)
        return entries.map { terms[$0] }
    }

    /// The number of a term, given it if new (under the write lock).
    private func number(_ term: String) -> Int32 {
        if let known = numbers[term] { return known }
        let new = Int32(names.count)
        numbers[term] = new
        names.append(term)
        return new
    }

    /// Every term numbered so far, by number.
    package var allTerms: [String] {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return names
    }

    /// The stem keys of words given as (lower-cased with diacritics, folded).
    package func keys(_ words: [(lower: String, folded: String)]) -> [String] {
        let terms = terms(words)
        let names = allTerms
        return terms.map { names[Int($0.key)] }
    }

    /// The stem key of one word (`lower`: lower-cased, with its diacritics).
    package func key(lower: String, folded: String) -> String {
        keys([(lower, folded)])[0]
    }

    /// The key of one word: its stem, folded; the folded word itself if the stemmer fails.
    private static func key(_ stemmer: OpaquePointer, _ lower: String, folded: String) -> String {
        var utf8 = Array(lower.utf8)
        let stem: String? = utf8.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let result = sb_stemmer_stem(stemmer, base, Int32(buffer.count)) else { return nil }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
        guard let stem else { return folded }
        let words = TextFolding.words(stem)
        return words.count == 1 ? words[0] : folded
    }

    /// The chunk term mapping a folded form to its stem key when they differ:
    /// the form, a space, the number of UTF-16 units of the form the key
    /// begins with, and (if the key goes on differently) a space and the rest
    /// of the key — `cameras 6` (key `camera`), `happy 4 i` (key `happi`).
    /// The space sorts before every letter and digit, so the term follows the
    /// form's own place in the index.
    package static func redirectTerm(form: String, key: String) -> String {
        var common = 0  // UTF-16 units of the common prefix, whole scalars only
        var rest = Substring.UnicodeScalarView()
        var formScalars = form.unicodeScalars.makeIterator()
        var keyScalars = key.unicodeScalars[...]
        while let k = keyScalars.first, let f = formScalars.next(), f == k {
            common += k.utf16.count
            keyScalars = keyScalars.dropFirst()
        }
        rest = keyScalars
        return form + " " + String(common) + (rest.isEmpty ? "" : " " + String(rest))
    }

    /// The stem key a chunk term leads to: the term itself, or a redirect's
    /// key (`cameras 6` → `camera`).
    package static func stem(ofTerm term: String) -> String {
        let parts = term.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count > 1, let kept = Int(parts[1]) else { return term }
        let prefix = String(decoding: Array(parts[0].utf16.prefix(kept)), as: UTF16.self)
        return prefix + (parts.count > 2 ? String(parts[2]) : "")
    }

    /// The form of a chunk term: the term itself, or the part before the
    /// space of a redirect (`redirectTerm`). Looked for among the UTF-8
    /// bytes: a search by `Character` walks grapheme clusters, and writing
    /// the index asks this of every term (1.2 % of an incremental build's
    /// samples).
    package static func form(ofTerm term: String) -> Substring {
        term.utf8.firstIndex(of: UInt8(ascii: " ")).map { term[..<$0] } ?? term[...]
    }
}
