/// A table written as CSV for spreadsheets (RFC 4180): a header row, commas
/// between fields, CRLF after every row, a field quoted when it holds a
/// quote, comma, CR or LF, and quotes in it doubled.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
/// formula, and some strip a leading tab, CR or NUL first; the knowledge base
/// is written by many editors, so a text such as `=HYPERLINK(…)` must not
/// become a live link or a call in the reader's spreadsheet. Following the
/// OWASP CSV-injection advice (and ASVS 1.2.10), such a field is prefixed
/// with a single quote `'`, which the spreadsheet shows as text. The JSON
/// export keeps the text unchanged: only spreadsheets evaluate cells.
///
/// The file starts with a UTF-8 byte-order mark: without it Excel reads a
/// CSV in the system's legacy code page, and names such as "Türkiye" or
/// "Côte d'Ivoire" come out garbled. Python reads it with
/// `encoding="utf-8-sig"`; LibreOffice and Google Sheets skip it.
package struct CSVTable: Sendable {
    package var header: [String]
    package var rows: [[String]] = []
    /// Rows as an earlier file wrote them (CRLF included), by their place
    /// among `rows`: runs of that file, copied as they are when the table
    /// is written (`contents(source:)`). An incremental build keeps the
    /// rows of the pages that did not change instead of writing them again.
    private var kept: [Int: Range<Int>] = [:]

    package init(header: [String]) { self.header = header }

    /// A row; it must have as many fields as the header.
    package mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a CSV row has \(row.count) fields, the header \(header.count)")
        rows.append(row)
    }

    /// Rows an earlier file wrote (one or more, each ending in CRLF), at
    /// this place: `range` of that file.
    package mutating func append(kept range: Range<Int>) {
        kept[rows.count] = range
        rows.append([])
    }

    /// The UTF-8 byte-order mark Excel needs to read the file as UTF-8.
    package static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Characters that make a spreadsheet read a cell as a formula when they
    /// come first (OWASP: `=` `+` `-` `@` tab CR; ASVS adds NUL).
    package static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\0"]

    /// The file: byte-order mark, header, rows, each line ending in CRLF.
    /// Only for a table with no kept rows.
    package func bytes() -> [UInt8] {
        precondition(kept.isEmpty, "a table with kept rows is written as a splice of its earlier file")
        guard case .bytes(let bytes) = contents().contents else { return [] }
        return bytes
    }

    /// The file, with the kept rows copied from `source` (the earlier file):
    /// its bytes when no row is kept, else a splice. `bounds`: where each
    /// row starts, then where the last ends.
    ///
    /// Sized up front (a guess for the rows written) rather than grown by
    /// doubling: growing a 5 MB file asked for about twice its size in
    /// fresh pages and copied it once over.
    package func contents(source: MappedFile? = nil) -> (contents: OutputFile.Contents, bounds: [Int]) {
        var out = ByteSplice.Builder(source: source, capacity: 4096 + (rows.count - kept.count) * 64 * header.count)
        out.bytes += Self.byteOrderMark
        var bounds: [Int] = []
        bounds.reserveCapacity(rows.count + 1)
        for (index, row) in ([header] + rows).enumerated() {
            if index > 0 { bounds.append(out.offset) }
            if index > 0, let range = kept[index - 1] {
                out.keep(range)
                continue
            }
            for (i, value) in row.enumerated() {
                if i > 0 { out.bytes.append(UInt8(ascii: ",")) }
                out.bytes.append(contentsOf: Self.field(value).utf8)
            }
            out.bytes.append(contentsOf: [0x0D, 0x0A])
        }
        bounds.append(out.offset)
        return (out.contents(), bounds)
    }

    /// One field as written: neutralised against formulas, then quoted if
    /// it needs to be.
    package static func field(_ value: String) -> String {
        var scalars = value.unicodeScalars
        if let first = scalars.first, formulaTriggers.contains(first) { scalars.insert("'", at: scalars.startIndex) }
        guard scalars.contains(where: { $0 == "\"" || $0 == "," || $0 == "\r" || $0 == "\n" }) else { return String(scalars) }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in scalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }
}
