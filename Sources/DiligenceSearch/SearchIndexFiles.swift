import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport
import Foundation

/// The search index as files: cuts the sorted term entries into chunk files,
/// writes the vocabulary per initial, the facets and `meta.js` — and reads
/// chunk files back, so an incremental build can patch the postings of the
/// pages that changed without tokenising the others again. A full build and
/// a patched index go through the same `write`, so they are the same bytes.
package struct SearchIndexFiles: Sendable {
    /// One term and its encoded entry, `"term":"docDelta,score,…"`, exactly
    /// as it appears in a chunk file (read back, a run of that file's
    /// bytes: 30,000 entries are not copied one by one).
    package struct Entry: Sendable {
        package var term: String
        package var bytes: SharedBytes
        /// Read back from a chunk file: that chunk's number, the entry's
        /// place in it and where its bytes end in the file, so `write` can
        /// tell a chunk that comes out as it was (-1: a new or changed entry).
        package var chunk: Int32 = -1
        package var ordinal: Int32 = -1
        package var end: Int32 = -1
    }

    /// A chunk file as the last build wrote it, its name and how many
    /// entries it holds (what `write` gives again, as it is, for a chunk of
    /// the same entries under the same name).
    package struct KeptChunk: Sendable {
        /// Its bytes, when read (`Item.entry`s of it were given); nil for
        /// a chunk given whole (`Item.kept`), read only if it must be.
        package var bytes: SharedBytes?
        package var name: String
        package var count: Int
        /// Its first entry's term and size: where the flow would close a
        /// chunk before it (`Item.kept`). Nil when its entries are given.
        package var first: (term: String, size: Int)?

        package init(bytes: SharedBytes?, name: String, count: Int, first: (term: String, size: Int)? = nil) {
            self.bytes = bytes
            self.name = name
            self.count = count
            self.first = first
        }
    }

    /// How a chunk file begins and what it holds, as a patch needs it to
    /// leave the chunk unread (`Item.kept`): its first entry's term and size
    /// in bytes, its entry count, and its terms' hashes
    /// (`SearchTermFilter.hash`, which an edited page's filter is asked about).
    package struct ChunkStart: Sendable, Equatable {
        package var term: String
        package var size: Int
        package var count: Int
        package var termHashes: [UInt64]

        package init(term: String, size: Int, count: Int, termHashes: [UInt64]) {
            self.term = term
            self.size = size
            self.count = count
            self.termHashes = termHashes
        }

    }

    /// What `write` puts into chunks: an entry, or a whole chunk the last
    /// build wrote (`kept[index]`), not read. A chunk begins the same way
    /// wherever its first entry begins one (the state `write` carries from
    /// one chunk to the next is the entry that opened it), so a kept chunk
    /// reached where the flow closes a chunk before its first entry is the
    /// old file as it is. Reached elsewhere, it is read (`load`) and its
    /// entries flow like the others.
    package enum Item: Sendable {
        case entry(Entry)
        case kept(Int)
    }

    /// The index files a patch knows to be as the last build wrote them,
    /// which `write` names (`unchanged`) instead of making again: the name
    /// tables that list the same names as before, and the vocabulary files
    /// of the initials no term came or went under (a factor note's new
    /// number changes one of 34). Making them all was a tenth of a
    /// factor-note edit's patch in `perf` (68 of 680 samples), too little to
    /// show in its wall time; they stay unmade because nothing needs them.
    package struct KeptTables: Sendable {
        /// The name tables as the last build wrote them.
        package var names: SearchNameTables?
        /// The initials whose vocabulary may differ; nil: all of them.
        package var changedInitials: Set<Unicode.Scalar>?

        package static let none = KeptTables(names: nil, changedInitials: nil)

        package init(names: SearchNameTables?, changedInitials: Set<Unicode.Scalar>?) {
            self.names = names
            self.changedInitials = changedInitials
        }

        func vocabularyMayDiffer(_ initial: Unicode.Scalar) -> Bool {
            changedInitials?.contains(initial) ?? true
        }
    }

    package var chunkBytes: Int
    package var site: SiteConfig
    /// How the index's words are folded and stemmed.
    package var language: SearchLanguage
    package var strings: InterfaceStrings

    /// UTF-16 order: the order of JavaScript string comparison, which the
    /// browser uses to find a term's chunk.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// A chunk file's name (`search/<name>.js`, and the key its `put` call
    /// gives): `i-` and its first term, each UTF-8 byte other than `a`–`z`
    /// and `0`–`9` written `_` and two hex digits (`any 2 i` is
    /// `i-any_202_20i`), so the name is a file name on any file system and
    /// no two terms share one. A name over 62 characters is cut to 42 and
    /// given the chunk's number after a `-`, which no term's name has.
    /// `search.js` (`chunkName`) makes the same name from `meta.c`.
    ///
    /// Why not the number alone: a chunk's number is its place, and an edit
    /// that adds one chunk (a list grew past `chunkBytes`) moved every
    /// later number, so every later file changed: a body sentence rewrote
    /// 400–860 of 876 chunk files, 9–20 MB, a quarter of the time at 10,000
    /// pages (Benchmarks/HISTORY.md, "Session of 2026-12-05 (23:29–)").
    /// Named by its first term, a chunk keeps its file while its entries do.
    package static func chunkName(firstTerm: String, number: Int) -> String {
        var name = "i-"
        for byte in firstTerm.utf8 {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "_" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return name.utf8.count > 62 ? String(name.prefix(42)) + "-" + String(number) : name
    }

    /// Whether a term's postings carry scores: a stem key's do
    /// (`docDelta,score,…`); a redirect's (`cameras 6`, `SearchStemmer.redirectTerm`)
    /// are its pages only (`docDelta,…`): the browser reads the stem from
    /// the term, and the pages are there so that an incremental build knows
    /// when the last page with the form goes.
    package static func hasScores(_ term: String) -> Bool {
        !term.utf8.contains(UInt8(ascii: " "))
    }

    package static func encode<Postings: Collection<SearchPosting>>(term: String, postings: Postings) -> [UInt8] {
        var json = JSONBytes(capacity: term.utf8.count + 8 + postings.count * 5)
        json.string(term)
        json.raw(":\"")
        let scores = hasScores(term)
        var previous: Int32 = 0
        var first = true
        for posting in postings {
            if !first { json.bytes.append(UInt8(ascii: ",")) }
            first = false
            json.base36(Int(posting.doc - previous))
            if scores {
                json.bytes.append(UInt8(ascii: ","))
                json.base36(Int(posting.score))
            }
            previous = posting.doc
        }
        json.bytes.append(UInt8(ascii: "\""))
        return json.bytes
    }

    /// Writes chunks, vocabulary, facets, record-name tables and meta for
    /// entries in sorted order. `facets` nil: `facets.js` is not written
    /// (an incremental build knows it has not changed).
    ///
    /// `kept`: a patched index's old chunk files, in order. A chunk made of
    /// one old chunk's entries, all of them, in order, under the same name
    /// is that file as it is: not put together, compared or emitted, only
    /// named to `unchanged`. On 10,000 pages a one-page edit keeps all but a
    /// few of 900 chunks, about 35 MB.
    ///
    /// Returns the chunk files' names, in order.
    @discardableResult
    package func write<S: Sequence>(entries: S, names: SearchNameTables, facets: SearchFacets?,
                            kept: [KeptChunk] = [], keptTables: KeptTables = .none, unchanged: (String) -> Void = { _ in },
                            describe: ((String, ChunkStart) -> Void)? = nil,
                            emit: @Sendable (OutputFile) -> Void) -> [String] where S.Element == Entry {
        write(items: entries.lazy.map(Item.entry), names: names, facets: facets, kept: kept, keptTables: keptTables,
              unchanged: unchanged, describe: describe, emit: emit)!
    }

    /// `write(entries:)` with whole kept chunks among the entries
    /// (`Item.kept`): `load` reads one when it must be (nil: it cannot be
    /// read, and nothing is written: the result is nil). `keptInitials`:
    /// the initials of the old vocabulary files, named as unchanged unless
    /// `keptTables` says they may differ (a kept chunk's forms are not
    /// listed: every chunk holding a form of a changed initial must be given
    /// as entries). `describe`: each chunk emitted, by name, with its start
    /// (what the cache keeps for the next patch, without parsing the file).
    package func write<S: Sequence>(items: S, names: SearchNameTables, facets: SearchFacets?,
                            kept: [KeptChunk], keptTables: KeptTables, keptInitials: [Unicode.Scalar] = [],
                            load: (Int) -> (bytes: SharedBytes, entries: [Entry])? = { _ in nil },
                            unchanged: (String) -> Void, describe: ((String, ChunkStart) -> Void)? = nil,
                            emit: @Sendable (OutputFile) -> Void) -> [String]? where S.Element == Item {
        var chunkFirstTerms: [String] = []
        var chunkNames: [String] = []
        var chunk = JSONBytes(capacity: chunkBytes + 4096)
        var chunkCount = 0
        var chunkEntries = 0
        // The chunk's size as written: its entries and the commas between them.
        var chunkSize = 0
        // Whether the chunk's entries so far are the first of one old chunk
        // (`source`), in order; their bytes are not copied until it is not.
        var asKept = false
        var source = 0
        var keptEnd = 0
        var soloRedirects: [Int] = []
        var vocabulary: [Unicode.Scalar: [String]] = [:]
        // The chunk's terms' hashes and first entry's size, for `describe`.
        var termHashes: [UInt64] = []
        var firstSize = 0
        for initial in keptInitials where !keptTables.vocabularyMayDiffer(initial) { vocabulary[initial] = [] }
        // The bytes of kept chunks read here (`Item.kept` not named as it was).
        var read: [Int: SharedBytes] = [:]
        func keptBytes(_ index: Int) -> SharedBytes {
            guard let bytes = kept[index].bytes ?? read[index] else { preconditionFailure("entries of kept chunk \(index) given without its bytes") }
            return bytes
        }
        /// The entries taken as kept so far (the old chunk's bytes from its
        /// first entry to `keptEnd`), copied into `chunk`.
        func copyKept() {
            asKept = false
            guard chunkEntries > 0 else { return }
            keptBytes(source).withUnsafeBufferPointer { old in
                let start = old.firstIndex(of: UInt8(ascii: "{"))! + 1
                chunk.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old[start..<keptEnd]))
            }
        }
        /// The file starts in `chunk` with its first entry, so a chunk
        /// written is handed on as it is (copying it into a file buffer
        /// copied the whole index when an added page renumbered it).
        func openChunk(firstTerm: String) {
            chunk.raw("DiligenceSearch.put(")
            chunk.string(Self.chunkName(firstTerm: firstTerm, number: chunkCount))
            chunk.raw(",{")
        }
        func closeChunk() {
            if chunkEntries == 1, let first = chunkFirstTerms.last, !Self.hasScores(first) { soloRedirects.append(chunkCount) }
            defer {
                chunkCount += 1
                chunkEntries = 0
                chunkSize = 0
            }
            let name = Self.chunkName(firstTerm: chunkFirstTerms.last ?? "", number: chunkCount)
            chunkNames.append(name)
            if asKept, kept[source].count == chunkEntries, kept[source].name == name {
                asKept = false
                unchanged("search/\(name).js")
                chunk.bytes.removeAll(keepingCapacity: true)
                return
            }
            if asKept { copyKept() }
            if chunk.bytes.isEmpty { openChunk(firstTerm: chunkFirstTerms.last ?? "") }  // an index of no entries
            chunk.raw("});\n")
            if let describe, chunkEntries > 0, let first = chunkFirstTerms.last {
                describe(name, ChunkStart(term: first, size: firstSize, count: chunkEntries, termHashes: termHashes))
            }
            emit(OutputFile(path: "search/\(name).js", contents: .bytes(chunk.bytes)))
            chunk = JSONBytes(capacity: chunkBytes + 4096)
        }
        var full = false  // the chunk is closed before the next entry of another form
        var lastForm: Substring = ""
        var largeStem: String?  // the large stem key the chunk holds, while only redirects to it follow
        // No form is this (forms hold no space): after a kept chunk, the
        // next entry's form differs from the last one, as it did when the
        // last build closed that chunk before it.
        let noForm: Substring = " "
        /// What the flow asks of the next entry, a term of `size` bytes:
        /// whether it is large, its form, whether it is a redirect, and
        /// whether it joins the large stem key before it.
        func traits(_ term: String, size: Int) -> (large: Bool, form: Substring, redirect: Bool, joinsStem: Bool) {
            let large = size >= chunkBytes / 2
            let redirect = !Self.hasScores(term)
            return (large, SearchStemmer.form(ofTerm: term), redirect,
                    !large && redirect && largeStem != nil && SearchStemmer.stem(ofTerm: term) == largeStem)
        }
        /// Whether the flow closes the chunk before an entry with these
        /// traits: the one rule, for entries and for kept chunks' first ones.
        func closes(_ next: (large: Bool, form: Substring, redirect: Bool, joinsStem: Bool)) -> Bool {
            chunkEntries > 0 && next.form != lastForm && !next.joinsStem && (full || next.large)
        }
        var pending: [Entry] = []  // a kept chunk's entries, read because the flow did not close before it, last first
        var items = items.makeIterator()
        var peeked: Item?? = nil
        func nextItem() -> Item? {
            if let item = peeked { peeked = nil; return item }
            return items.next()
        }
        /// Whether the chunk after kept chunk `index` begins where it did:
        /// it comes next whole, or from its first entry as it was, or
        /// nothing does. Else its first entry changed, went or has a new
        /// term before it, and kept chunk `index` may have to take it in.
        func nextBegins(after index: Int) -> Bool {
            if peeked == nil { peeked = .some(items.next()) }
            switch peeked! {
            case nil: return true
            case .kept(let other)?: return other == index + 1
            case .entry(let entry)?: return Int(entry.chunk) == index + 1 && entry.ordinal == 0
            }
        }
        func next() -> Entry?? {
            if let entry = pending.popLast() { return entry }
            while let item = nextItem() {
                switch item {
                case .entry(let entry): return entry
                case .kept(let index):
                    let old = kept[index]
                    if let first = old.first, chunkEntries == 0 || closes(traits(first.term, size: first.size)),
                       Self.chunkName(firstTerm: first.term, number: chunkCount + (chunkEntries > 0 ? 1 : 0)) == old.name,
                       nextBegins(after: index) {
                        if chunkEntries > 0 { closeChunk() }
                        chunkFirstTerms.append(first.term)
                        chunkNames.append(old.name)
                        if old.count == 1, !Self.hasScores(first.term) { soloRedirects.append(chunkCount) }
                        unchanged("search/\(old.name).js")
                        chunkCount += 1
                        (chunkEntries, chunkSize, full, asKept, lastForm, largeStem) = (0, 0, false, false, noForm, nil)
                        continue
                    }
                    guard let (bytes, entries) = load(index), let first = entries.first else { return .some(nil) }
                    read[index] = bytes
                    pending = entries.dropFirst().reversed()
                    return first
                }
            }
            return nil
        }
        while let found = next() {
            guard let entry = found else { return nil }
            // A large entry (a common word) gets a chunk of its own: a query
            // for it loads its postings, not a chunk's worth of neighbours too.
            // But the entries of one form (its stem key and its redirects,
            // `form`, `form 6`) stay in one chunk: the browser finds them all
            // in the chunk of `form + " \u{FFFF}"`. And the small redirects
            // that follow a large stem key and lead to it join its chunk: a
            // query for `cameras` then loads the chunk of `camera` only. (A
            // large redirect alone in its chunk is not loaded at all: its
            // term is the chunk's first term in meta.js, `s` names it.)
            let next = traits(entry.term, size: entry.bytes.count)
            let (large, form, redirect, joinsStem) = next
            if closes(next) { closeChunk() }
            if chunkEntries == 0 {
                chunkFirstTerms.append(entry.term)
                openChunk(firstTerm: entry.term)
                firstSize = entry.bytes.count
                termHashes.removeAll(keepingCapacity: true)
                source = Int(entry.chunk)
                asKept = entry.ordinal == 0 && source >= 0 && source < kept.count
            } else {
                chunkSize += 1
            }
            if asKept, entry.chunk == source, entry.ordinal == chunkEntries {
                keptEnd = Int(entry.end)
            } else {
                if asKept { copyKept() }
                if chunkEntries > 0 { chunk.bytes.append(UInt8(ascii: ",")) }
                entry.bytes.withUnsafeBufferPointer { chunk.bytes.append(contentsOf: $0) }
            }
            chunkSize += entry.bytes.count
            chunkEntries += 1
            if describe != nil { termHashes.append(SearchTermFilter.hash(entry.term)) }
            full = (full && chunkEntries > 1) || large || chunkSize >= chunkBytes
            if large, !redirect { largeStem = entry.term } else if !joinsStem, form != lastForm { largeStem = nil }
            // The vocabulary lists forms, each once (`form` and `form 6` are adjacent).
            if form != lastForm, let initial = form.unicodeScalars.first {
                if keptTables.vocabularyMayDiffer(initial) {
                    vocabulary[initial, default: []].append(String(form))
                } else if vocabulary[initial] == nil {
                    vocabulary[initial] = []
                }
            }
            lastForm = form
        }
        if chunkEntries > 0 || chunkCount == 0 {
            if chunkEntries == 0 { chunkFirstTerms.append("") }
            closeChunk()
        }
        for (initial, words) in vocabulary {
            let key = "v-" + String(initial.value, radix: 16)
            guard keptTables.vocabularyMayDiffer(initial) else {
                unchanged("search/\(key).js")
                continue
            }
            emit(OutputFile(path: "search/\(key).js", contents: .bytes(Self.vocabularyFile(key, words))))
        }
        if let facets {
            emit(facets.file)
        }
        names.tables(keeping: keptTables.names, unchanged: unchanged, emit: emit)
        let meta = SearchMeta(n: names.pageCount, l: language.code, c: chunkFirstTerms, s: soloRedirects,
                              v: vocabulary.keys.map { String(Character($0)) }.sorted(),
                              w: SearchIndexBuilder.weights,
                              r: [SearchNameTables.perTable, SearchRecordNames.length])
        emit(OutputFile(path: "search/meta.js", text: ScriptData.call("DiligenceSearch.put", "meta", meta)))
        return chunkNames
    }

    /// `DiligenceSearch.put("v-…","form form …");` written as `ScriptData.call`
    /// writes it (the same escapes: forms hold no control character, where
    /// the two would differ), without going through `JSONEncoder`: the 34
    /// files of 10,000 pages were a tenth of an incremental build's patch.
    static func vocabularyFile(_ key: String, _ words: [String]) -> [UInt8] {
        var json = JSONBytes(capacity: words.reduce(64) { $0 + $1.utf8.count + 1 })
        json.raw("DiligenceSearch.put(")
        json.string(key)
        json.raw(",")
        json.string(words.joined(separator: " "))
        json.raw(");\n")
        return json.bytes
    }

    /// The entries of one chunk file as `write` produced it, in order; nil if
    /// the file is not in that form.
    /// `number`: the chunk's, kept in each entry (`Entry.chunk`).
    package static func entries(ofChunk file: SharedBytes, number: Int = -1) -> [Entry]? {
        file.withUnsafeBufferPointer { bytes -> [Entry]? in
            // DiligenceSearch.put("i-<first term>",{ entries });\n
            guard let open = bytes.firstIndex(of: UInt8(ascii: "{")), bytes.count >= open + 4,
                  bytes[(bytes.count - 4)...].elementsEqual("});\n".utf8) else { return nil }
            var entries: [Entry] = []
            var i = open + 1
            let end = bytes.count - 4
            while i < end {
                let start = i
                guard let term = readString(bytes, &i), i + 1 < end, bytes[i] == UInt8(ascii: ":"), bytes[i + 1] == UInt8(ascii: "\"") else { return nil }
                i += 2
                // The closing quote, past thousands of postings: `memchr`, not a byte at a time.
                guard let quote = memchr(bytes.baseAddress! + i, Int32(UInt8(ascii: "\"")), end - i) else { return nil }
                i = bytes.baseAddress!.distance(to: quote.assumingMemoryBound(to: UInt8.self)) + 1
                entries.append(Entry(term: term, bytes: file[start..<i], chunk: Int32(number), ordinal: Int32(entries.count), end: Int32(i)))
                if i < end {
                    guard bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                }
            }
            return entries
        }
    }

    /// Where the colon after an entry's term is, as an offset into its
    /// bytes (`"term":"postings"`), read forward past the term's JSON
    /// string: a posting list holds no colon but a term may, and the term
    /// is a few bytes where the list can be thousands. (Searching from the
    /// end, through every posting of every entry, was a third of an
    /// incremental build's search patch at 10,000 pages.)
    package static func colonOffset(_ bytes: SharedBytes) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            guard b.count > 1, b[0] == UInt8(ascii: "\"") else { return nil }
            var i = 1
            while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
            guard i + 1 < b.count, b[i + 1] == UInt8(ascii: ":") else { return nil }
            return i + 1
        }
    }

    /// The postings of an entry, decoded.
    package static func postings(of entry: Entry) -> [SearchPosting] {
        var result: [SearchPosting] = []
        forEachPosting(of: entry) { result.append($0); return true }
        return result
    }

    /// Decodes an entry's `docDelta,score,…` (base 36) one posting at a
    /// time, without building an array; stops when `body` returns false.
    package static func forEachPosting(of entry: Entry, _ body: (SearchPosting) -> Bool) {
        guard let colon = colonOffset(entry.bytes) else { return }
        let scores = hasScores(entry.term)
        entry.bytes.withUnsafeBufferPointer { bytes in
            var doc: Int32 = 0
            var value: Int32 = 0
            var isScore = false
            // The closing quote ends the last score as a comma would.
            for byte in bytes[(colon + 2)...] {
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") {
                    if !scores {
                        doc += value
                        if !body(SearchPosting(doc: doc, score: 0)) { return }
                    } else if isScore {
                        if !body(SearchPosting(doc: doc, score: value)) { return }
                    } else {
                        doc += value
                    }
                    isScore.toggle()
                    value = 0
                } else {
                    value = value * 36 + Int32(byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : byte - UInt8(ascii: "a") + 10)
                }
            }
        }
    }

    /// Reads the JSON string at `i` (which must be a `"`), moving past it.
    private static func readString(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        if let (string, end) = plainString(bytes, from: i) {
            i = end
            return string
        }
        return escapedString(bytes, &i)
    }

    /// The string from `start` to its closing quote, and the index past
    /// that quote, when it holds no escape: most terms. nil otherwise
    /// (`escapedString` reads those). Parsing a 10,000-page index's chunks
    /// for an incremental build's patch built every term scalar by scalar.
    private static func plainString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var j = start
        while j < bytes.count {
            let byte = bytes[j]
            if byte == UInt8(ascii: "\"") {
                return (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self), j + 1)
            }
            if byte == UInt8(ascii: "\\") { return nil }
            j += 1
        }
        return nil
    }

    /// The string from `i` (past its opening quote) to its closing quote,
    /// escapes decoded, moving `i` past the quote.
    static func escapedString(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var pendingHigh: UInt32?
        func flush() {
            if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { i += 1; flush(); return String(scalars) }
            if byte != UInt8(ascii: "\\") { utf8.append(byte); i += 1; continue }
            guard i + 1 < bytes.count else { return nil }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<(i + 4)]), as: UTF8.self), radix: 16) else { return nil }
                i += 4
                flush()
                if (0xD800..<0xDC00).contains(code) { pendingHigh = code; continue }
                if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) { scalars.append(scalar) }
                    continue
                }
                if let scalar = Unicode.Scalar(code) { scalars.append(scalar) }
            default: utf8.append(escaped)
            }
        }
        return nil
    }

    /// - Parameter language: a BCP 47 tag; nil: the site's `language`.
    /// - Parameter strings: the interface's words in that language (kinds, risk levels, filter names).
    package init(chunkBytes: Int, site: SiteConfig, language: String? = nil, strings: InterfaceStrings = .english) {
        self.strings = strings
        self.chunkBytes = chunkBytes
        self.site = site
        self.language = SearchLanguage(language ?? site.language)
    }
}
