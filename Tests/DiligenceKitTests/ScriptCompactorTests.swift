@testable import DiligenceDefaults
@testable import DiligenceSupport
import XCTest

/// The published copy of a theme script: smaller, and read by the browser
/// exactly as the original (the browser tests run the compacted files).
final class ScriptCompactorTests: XCTestCase {
    private func compact(_ text: String) -> String {
        String(decoding: ScriptCompactor.compact(Array(text.utf8)), as: UTF8.self)
    }

    func testRemovesCommentsAndIndentationAndKeepsLineBreaks() {
        let source = """
        /* A block
           comment. */
        (function () {
          "use strict";
          // A line comment.
          var a = 1,   b = 2; /* inline */ var c = a + b;

          return c;
        })();
        """
        XCTAssertEqual(compact(source), "(function(){\n\"use strict\";\nvar a=1,b=2;var c=a+b;\nreturn c;\n})();\n")
    }

    func testKeepsStringsAndRegularExpressionsAsTheyAre() {
        XCTAssertEqual(compact("var s = \"a  // not a comment\", t = 'b /* nor */ c';"),
                       "var s=\"a  // not a comment\",t='b /* nor */ c';\n")
        XCTAssertEqual(compact("var r = /static\\/search\\.js(?:[?#].*)?$/, q = x.replace(/\"([^\"]*)(\"|$)/g, f);"),
                       "var r=/static\\/search\\.js(?:[?#].*)?$/,q=x.replace(/\"([^\"]*)(\"|$)/g,f);\n")
        XCTAssertEqual(compact("if (/[/]  x/.test(s)) return /a  b/;"), "if(/[/]  x/.test(s))return/a  b/;\n")
        XCTAssertEqual(compact("var s = 'it\\'s  // here';"), "var s='it\\'s  // here';\n")
    }

    func testTellsDivisionFromARegularExpression() {
        XCTAssertEqual(compact("var half = total / 2 / count;"), "var half=total/2/count;\n")
        XCTAssertEqual(compact("var x = (a) / b, y = list[0] / 3;"), "var x=(a)/b,y=list[0]/3;\n")
        XCTAssertEqual(compact("var y = a / /re/.exec(s).length;"), "var y=a/ /re/.exec(s).length;\n")
        XCTAssertEqual(compact("if (/re/g in x) f();"), "if(/re/g in x)f();\n", "flags stay apart from a word")
    }

    func testKeepsTheSpacesThatMatter() {
        XCTAssertEqual(compact("var n = a + +b - -c + ++d;"), "var n=a+ +b- -c+ ++d;\n")
        XCTAssertEqual(compact("var s = 1 .toString(); typeof x;"), "var s=1 .toString();typeof x;\n")
        XCTAssertEqual(compact("return\nvalue;"), "return\nvalue;\n", "a line break after return ends the statement")
        XCTAssertEqual(compact("a = b\n++c"), "a=b\n++c\n")
        XCTAssertEqual(compact("var été = \"é\"; var x = été;"), "var été=\"é\";var x=été;\n")
    }

    func testLeavesWhatItCannotFollowUnchanged() {
        for source in ["var a = 1; /* never closed", "var s = \"never closed;\nvar t = 1;", "var r = /never closed\n;",
                       "var t = `a ${b} c`;"] {
            XCTAssertEqual(compact(source), source, source)
        }
        XCTAssertEqual(compact("var t = `a\n    b`;"), "var t=`a\n    b`;\n", "a template literal's lines are its text")
    }

    func testTheBuiltInScriptsShrink() throws {
        for path in ["assets/search.js", "assets/screening.js"] {
            let source = try XCTUnwrap(DefaultTemplates.files[path])
            let compacted = ScriptCompactor.compact(source)
            XCTAssertLessThan(compacted.count, source.count * 85 / 100, "\(path): \(source.count) → \(compacted.count) bytes")
            XCTAssertFalse(String(decoding: compacted, as: UTF8.self).contains("\n  "), "\(path) keeps no indentation")
        }
    }
}
