@testable import DiligenceContent
@testable import DiligenceDefaults
@testable import DiligenceDiagnostics
@testable import DiligenceGraph
@testable import DiligenceKit
@testable import DiligenceMarkdown
@testable import DiligencePublish
@testable import DiligenceRender
@testable import DiligenceSearch
@testable import DiligenceSupport
@testable import DiligenceTemplate
import XCTest

/// The template engine: what a template renders for given data (the dialect
/// swift-mustache had, which the site's templates were written for), and the
/// errors a broken template gives, at its line and column, all in one run.
final class TemplateTests: XCTestCase {
    /// Data for a template: named fields, like the site's views.
    private struct Fields: TemplateObject {
        var fields: [String: TemplateValue]
        func value(named name: String) -> TemplateValue { fields[name] ?? .missing }
    }

    private func object(_ fields: [String: TemplateValue]) -> TemplateValue { .object(Fields(fields: fields)) }

    /// A list item that may be copied from an earlier rendering (`reuseKey`).
    private struct Item: TemplateObject {
        var title: String
        var note: String?
        func value(named name: String) -> TemplateValue {
            switch name {
            case "title": return title.templateValue
            case "note": return note.templateValue
            default: return .missing
            }
        }
        var reuseKey: UInt64? {
            var hasher = StableHasher()
            hasher.combine(title)
            hasher.combine(note)
            return hasher.value
        }
    }

    private func library(_ templates: [String: String], file: StaticString = #filePath, line: UInt = #line) -> TemplateLibrary? {
        let log = DiagnosticLog()
        let library = TemplateLibrary(sources: templates.map { .init(name: $0.key, file: $0.key + ".mustache", text: $0.value) }, log: log)
        XCTAssertNotNil(library, "does not compile: \(log.diagnostics.map(\.message))", file: file, line: line)
        return library
    }

    private func render(_ templates: [String: String], _ data: [String: TemplateValue] = [:],
                        file: StaticString = #filePath, line: UInt = #line) -> String {
        let log = DiagnosticLog()
        let sources = templates.map { TemplateLibrary.Source(name: $0.key, file: $0.key + ".mustache", text: $0.value) }
        guard let library = TemplateLibrary(sources: sources, log: log) else {
            XCTFail("does not compile: \(log.diagnostics.map(\.message))", file: file, line: line)
            return ""
        }
        return String(decoding: library.render(Fields(fields: data), template: "main"), as: UTF8.self)
    }

    private func errors(_ templates: [(String, String)]) -> [String] {
        let log = DiagnosticLog()
        let sources = templates.map { TemplateLibrary.Source(name: $0.0, file: $0.0 + ".mustache", text: $0.1) }
        XCTAssertNil(TemplateLibrary(sources: sources, log: log))
        return log.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message)" }
    }

    func testDoubleBracesEscapeAndTripleBracesDoNot() {
        let html = render(["main": "{{x}}|{{{x}}}|{{& x}}|{{n}}|{{t}}|{{missing}}."],
                          ["x": .text(#"<a href="u">'R&D'</a>"#), "n": .number(0), "t": .flag(true)])
        XCTAssertEqual(html, #"&lt;a href=&quot;u&quot;&gt;&#39;R&amp;D&#39;&lt;/a&gt;|<a href="u">'R&D'</a>|<a href="u">'R&D'</a>|0|true|."#)
    }

    func testNamesAreLookedUpOutwardsButDottedNamesOnlyInTheirObject() {
        let data: [String: TemplateValue] = [
            "root": .text("../"), "title": .text("Site"),
            "page": object(["title": .text("Page"), "category": object(["url": .text("c.html")])]),
        ]
        XCTAssertEqual(render(["main": "{{#page}}{{title}} {{root}} {{category.url}} {{category.title}}|{{.title}}{{/page}} {{title}}"], data),
                       "Page ../ c.html |Page Site")
    }

    func testAFieldWithNoValueStopsTheLookupAsTheSpecSays() {
        // The inner value has `note`, empty: the outer `note` must not show
        // through (swift-mustache showed it); a name the inner value does
        // not have is still looked up outwards.
        let data: [String: TemplateValue] = [
            "note": .text("outer"), "site": .text("S"),
            "items": .list([Item(title: "a", note: nil), Item(title: "b", note: "own")]),
        ]
        XCTAssertEqual(render(["main": "{{#items}}[{{title}}:{{note}}{{#note}}!{{/note}}{{^note}}-{{/note}}:{{site}}]{{/items}}"], data),
                       "[a:-:S][b:own!:S]")
    }

    func testListItemsAreKeptAsRowsAndCopiedBackInTheNextRendering() throws {
        // A list inside an indented partial, so the rows move when the
        // indentation is inserted before them.
        let templates = ["main": "<main>\n  {{> list}}\n</main>\n", "list": "<ul>\n{{#items}}\n<li>{{title}}{{#note}} ({{note}}){{/note}}</li>\n{{/items}}\n</ul>\n"]
        let lib = try XCTUnwrap(library(templates))
        func data(_ items: [Item]) -> Fields { Fields(fields: ["items": .list(items)]) }
        let before = [Item(title: "Alpha"), Item(title: "Beta", note: "b"), Item(title: "Gamma")]
        let first = lib.render(data(before), template: "main", reusing: KeptRows())
        XCTAssertEqual(first.bytes, lib.render(data(before), template: "main"), "keeping rows changes nothing")
        XCTAssertEqual(first.copied, 0)
        XCTAssertEqual(first.rows.map { String(decoding: first.bytes[$0.start..<$0.end], as: UTF8.self) },
                       ["<li>Alpha</li>\n", "<li>Beta (b)</li>\n", "<li>Gamma</li>\n"], "each row is its item, after the indentation moved it")

        // One item changed, one added: the others are copied, and the page is what a fresh rendering gives.
        let reusable = KeptRows(bytes: first.bytes, rows: first.rows)
        let after = [Item(title: "Alpha"), Item(title: "Beta", note: "changed"), Item(title: "Delta"), Item(title: "Gamma")]
        let second = lib.render(data(after), template: "main", reusing: reusable)
        XCTAssertEqual(String(decoding: second.bytes, as: UTF8.self), String(decoding: lib.render(data(after), template: "main"), as: UTF8.self))
        XCTAssertEqual(second.copied, 2)
        XCTAssertEqual(second.rows.count, 4)

        // Rows taken out of their kept order are found too (the kept rows
        // are tried in order first, then looked up).
        let reversed = lib.render(data(before.reversed()), template: "main", reusing: reusable)
        XCTAssertEqual(reversed.bytes, lib.render(data(before.reversed()), template: "main"))
        XCTAssertEqual(reversed.copied, 3)

        // What is copied is what the rows say: bytes under a known key are used as they are.
        let copiedRow = Array("<li>COPIED</li>\n".utf8)
        let planted = KeptRows(bytes: copiedRow, rows: [TemplateRow(key: first.rows[0].key, start: 0, end: copiedRow.count)])
        XCTAssertTrue(String(decoding: lib.render(data(before), template: "main", reusing: planted).bytes, as: UTF8.self).contains("COPIED"))

        // A list inside a section shown once has a place of its own, not
        // that of its section's neighbour.
        let nested = try XCTUnwrap(library(["main": "{{#items}}<i>{{title}}</i>{{/items}}{{#yes}}{{#items}}<b>{{title}}</b>{{/items}}x{{/yes}}"]))
        let flagged = Fields(fields: ["items": .list(before), "yes": .flag(true)])
        let once = nested.render(flagged, template: "main", reusing: KeptRows())
        let copies = KeptRows(bytes: once.bytes, rows: once.rows)
        XCTAssertEqual(Set(once.rows.map(\.key)).count, 6, "six items at two places")
        XCTAssertEqual(nested.render(flagged, template: "main", reusing: copies).bytes, once.bytes)

        // The same item at another place in the templates has another key.
        let elsewhere = try XCTUnwrap(library(["main": "<ol>{{#items}}<li>{{title}}</li>{{/items}}</ol>"]))
        let other = elsewhere.render(data(before), template: "main", reusing: planted)
        XCTAssertEqual(other.copied, 0)
        XCTAssertFalse(String(decoding: other.bytes, as: UTF8.self).contains("COPIED"))
    }

    func testItemsThatReadOutsideThemselvesAreNotRows() throws {
        let data = Fields(fields: ["site": .text("S"), "items": .list([Item(title: "a"), Item(title: "b")])])
        for body in ["{{title}} {{site}}", "{{title}}{{#first()}}!{{/first()}}", "{{title}}{{missing}}"] {
            let lib = try XCTUnwrap(library(["main": "{{#items}}" + body + ";{{/items}}"]))
            let result = lib.render(data, template: "main", reusing: KeptRows())
            XCTAssertEqual(result.rows, [], "\(body) reads from outside its item")
            XCTAssertEqual(result.bytes, lib.render(data, template: "main"))
        }
        let lib = try XCTUnwrap(library(["main": "{{#items}}{{title}}{{#note}}{{note}}{{/note}};{{/items}}"]))
        XCTAssertEqual(lib.render(data, template: "main", reusing: KeptRows()).rows.count, 2, "an empty field of the item is the item's")
    }

    func testSectionsRepeatForListsAndShowForTrueTextAndNumbers() {
        let data: [String: TemplateValue] = [
            "items": .list([object(["t": .text("a")]), object(["t": .text("b")])] as [TemplateValue]),
            "none": .list([TemplateValue]()), "words": .list(["x", "y"]),
            "yes": .flag(true), "no": .flag(false), "blank": .text(""), "zero": .number(0),
        ]
        let template = "{{#items}}[{{t}}]{{/items}}{{#none}}N{{/none}}{{^none}}empty{{/none}}{{#words}}<{{.}}>{{/words}}"
            + "{{#yes}}Y{{/yes}}{{#no}}X{{/no}}{{^no}}!{{/no}}{{#blank}}B{{/blank}}{{#zero}}0{{/zero}}{{#gone}}G{{/gone}}{{^gone}}g{{/gone}}"
        XCTAssertEqual(render(["main": template], data), "[a][b]empty<x><y>Y!B0g")
    }

    func testFunctionsOnValuesAndOnTheListPosition() {
        let data: [String: TemplateValue] = ["items": .list(["a", "b", "c"]), "none": .list([TemplateValue]()), "name": .text("")]
        let template = "{{^empty(none)}}X{{/empty(none)}}{{#empty(none)}}no items {{/empty(none)}}{{count(items)}}: "
            + "{{#items}}{{index()}}={{.}}{{#first()}}(first){{/first()}}{{^last()}}, {{/last()}}{{/items}}"
            + "{{#empty(name)}} unnamed{{/empty(name)}}{{^empty(missing)}}?{{/empty(missing)}}"
        XCTAssertEqual(render(["main": template], data), "no items 3: 0=a(first), 1=b, 2=c unnamed?")
    }

    func testLinesHoldingOnlyATagLeaveNoTrace() {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! a comment }}\n</ul>\n{{#items}}{{.}}{{/items}}\n"
        XCTAssertEqual(render(["main": template], ["items": .list(["a", "b"])]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nab\n")
    }

    func testAPartialAloneOnItsLineIndentsEveryLineItRenders() {
        let html = render(["main": "<nav>\n  {{> list}}\n</nav>\nx {{> list}}\n", "list": "<ul>\n<li>{{x}}</li>\n</ul>\n"],
                          ["x": .text("1")])
        XCTAssertEqual(html, "<nav>\n  <ul>\n  <li>1</li>\n  </ul>\n</nav>\nx <ul>\n<li>1</li>\n</ul>\n\n")
    }

    func testAChildTemplateReplacesItsParentsBlocks() {
        let templates = [
            "base": "<title>{{$title}}Site{{/title}}</title>\n<main>\n{{$main}}\nnothing\n{{/main}}\n</main>\n",
            "middle": "{{<base}}\n{{$main}}middle{{/main}}\n{{$title}}Middle{{/title}}\n{{/base}}\n",
            "main": "{{<middle}}\n{{$main}}\n<p>{{x}}</p>\n{{/main}}\n{{/middle}}\n",
        ]
        XCTAssertEqual(render(templates, ["x": .text("child")]), "<title>Middle</title>\n<main>\n<p>child</p>\n</main>\n")
    }

    func testDelimitersCanBeChanged() {
        XCTAssertEqual(render(["main": "{{=<% %>=}}\n<% x %> {{x}}\n"], ["x": .text("v")]), "v {{x}}\n")
    }

    /// A node of a nested structure (a tree of steps, a menu): a view whose
    /// `children` are views of the same kind.
    private struct Node: TemplateObject, TemplateSchemaProviding {
        var name: String
        var children: [Node]

        func value(named key: String) -> TemplateValue {
            switch key {
            case "name": return .text(name)
            case "children": return children.templateValue
            default: return .missing
            }
        }

        static let templateSchema: TemplateSchema = TemplateSchema("Node") {
            [("name", .value), ("children", .list(.object(Node.templateSchema)))]
        }
    }

    /// A partial may include itself inside a section, which stops where the
    /// structure ends; its names are checked against the same view at every level.
    func testRecursivePartialRendersANestedStructure() throws {
        let tree = Node(name: "Guidance", children: [
            Node(name: "Review", children: [Node(name: "End-user", children: []), Node(name: "Product", children: [])]),
            Node(name: "Decide", children: []),
        ])
        let log = DiagnosticLog()
        let sources: [TemplateLibrary.Source] = [
            .init(name: "main", file: "main.mustache", text: "{{> tree}}"),
            .init(name: "tree", file: "partials/tree.mustache", text: "<li>{{name}}{{^empty(children)}}<ul>{{#children}}{{> tree}}{{/children}}</ul>{{/empty(children)}}</li>", partial: true),
        ]
        let library = try XCTUnwrap(TemplateLibrary(sources: sources, root: Node.templateSchema, log: log), "\(log.diagnostics.map(\.message))")
        XCTAssertEqual(String(decoding: library.render(tree, template: "main"), as: UTF8.self),
                       "<li>Guidance<ul><li>Review<ul><li>End-user</li><li>Product</li></ul></li><li>Decide</li></ul></li>")
        XCTAssertTrue(library.runaways.all.isEmpty)

        // A misspelt name inside the recursive partial is found, once.
        let typo = [sources[0], .init(name: "tree", file: "partials/tree.mustache", text: "<li>{{nmae}}{{#children}}{{> tree}}{{/children}}</li>", partial: true)]
        XCTAssertNil(TemplateLibrary(sources: typo, root: Node.templateSchema, log: log))
        XCTAssertEqual(log.diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column): \($0.message) | \($0.hint ?? "")" },
                       ["partials/tree.mustache:1:5: unknown name 'nmae': no view here has it (looked up in Node) | did you mean 'name'?; docs/templates.md lists every view's fields"])
    }

    /// Recursion that a section cannot stop (the section's value never runs
    /// out) ends at the depth limit, reported, not with a crash.
    func testRunawayRecursionStopsAtTheDepthLimit() throws {
        let log = DiagnosticLog()
        let library = try XCTUnwrap(TemplateLibrary(sources: [
            .init(name: "main", file: "main.mustache", text: "{{> loop}}"),
            .init(name: "loop", file: "loop.mustache", text: "<b>{{#again}}{{> loop}}{{/again}}</b>", partial: true),
        ], log: log))
        let html = String(decoding: library.render(Fields(fields: ["again": .flag(true)]), template: "main"), as: UTF8.self)
        XCTAssertEqual(html, String(repeating: "<b>", count: TemplateRenderer.maximumDepth) + String(repeating: "</b>", count: TemplateRenderer.maximumDepth))
        let runaway = try XCTUnwrap(library.runaways.all.first)
        XCTAssertEqual(runaway.template, "main")
        XCTAssertEqual(runaway.chain.count, TemplateRenderer.maximumDepth + 1)
    }

    func testEveryBrokenTemplateIsReportedAtItsTagInOneRun() {
        let lines = errors([
            ("unclosed", "<p>\n  {{#items}}\n  <li>{{.}}</li>\n"),
            ("crossed", "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n"),
            ("function", "{{#emty(items)}}{{/emty(items)}}"),
            ("unfinished", "x {{title"),
            ("missing", "<div>\n\t{{> header}}\n</div>"),
            ("loop-a", "{{> loop-b}}"),
            ("loop-b", "x\n{{^t}}x{{/t}}{{> loop-a}}"),
            ("self", "{{> self}}"),
        ])
        XCTAssertEqual(lines, [
            "crossed.mustache:3:1: template syntax error: '{{/a}}' closes 'b', opened on line 2",
            "function.mustache:1:1: template syntax error: unknown function 'emty' in 'emty(items)'",
            "loop-b.mustache:2:14: templates include each other without end: loop-a → loop-b → loop-a",
            "missing.mustache:2:2: no template or partial named 'header'",
            "self.mustache:1:1: templates include each other without end: self → self",
            "unclosed.mustache:2:3: template syntax error: 'items' is opened here and never closed",
            "unfinished.mustache:1:3: template syntax error: tag '{{title…' is not closed",
        ])
    }

    func testABrokenSiteTemplateStopsTheBuildWithItsPathAndNothingIsWritten() throws {
        let test = try TestSite(files: ["pages/about.md": "---\ntitle: About\nsummary: What this is.\n---\nText.\n"])
        defer { test.remove() }
        let templates = test.root.appendingPathComponent("templates").path
        try FileManager.default.copyItem(atPath: TestSite.templates, toPath: templates)
        let header = templates + "/partials/header.mustache"
        let text = try String(contentsOfFile: header, encoding: .utf8)
        try text.replacingOccurrences(of: "{{/navigation}}", with: "{{/nav}}").write(toFile: header, atomically: true, encoding: .utf8)
        var options = test.options
        options.templates = templates
        let report = SiteBuilder(options: options).build()
        let line = text.prefix(upTo: text.range(of: "{{/navigation}}")!.lowerBound).filter { $0 == "\n" }.count + 1
        XCTAssertEqual(report.diagnostics.map { "\($0.location.file):\($0.location.line): \($0.message)" },
                       ["\(header):\(line): template syntax error: '{{/nav}}' closes 'navigation', opened on line \(line - 2)"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: test.output))
    }

    func testTheBuiltInTemplatesCompile() {
        let log = DiagnosticLog()
        XCTAssertNotNil(TemplateLibrary(theme: ThemeFiles(folder: "/nonexistent", required: false, log: log), log: log))
        XCTAssertEqual(log.diagnostics.count, 0)
    }

    /// The binary carries the repository's templates/ as they are (the
    /// EmbedTemplatesPlugin runs at build time).
    func testBuiltInTemplatesAreTheRepositorysFiles() throws {
        let onDisk = (FileManager.default.subpaths(atPath: TestSite.templates) ?? []).filter { path in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: TestSite.templates + "/" + path, isDirectory: &isDirectory)
            return !isDirectory.boolValue && !(path as NSString).lastPathComponent.hasPrefix(".")
        }.sorted()
        XCTAssertEqual(DefaultTemplates.paths, onDisk)
        for path in onDisk {
            XCTAssertEqual(DefaultTemplates.files[path], [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSite.templates + "/" + path))), path)
        }
    }
}
