import ArgumentParser
import DiligenceSearch
import DiligenceSupport
import Foundation

/// `diligence search-words` (hidden, for tests): the words of texts as the
/// search index builder sees them — folded, and each with its stem key — so
/// the browser test can check that the browser finds the same stem for every
/// word of a site (`Tests/Browser/search_test.py`).
struct SearchWordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-words",
        abstract: "Print the folded words of texts and their stem keys, as the search index builds them (for tests).",
        discussion: """
        Reads a JSON array of strings on standard input; prints a JSON array \
        with, for each string, its words as [folded form, stem key] pairs.
        """,
        shouldDisplay: false
    )

    @Option(help: "The index's language (BCP 47 tag): en and fr are stemmed, fr drops elisions.")
    var language = "en"

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard let texts = try JSONSerialization.jsonObject(with: input) as? [String] else {
            throw ValidationError("standard input must be a JSON array of strings")
        }
        let stemmer = SearchStemmer(language: SearchLanguage(language))
        let result: [[[String]]] = texts.map { text in
            var words: [(lower: String, folded: String)] = []
            TextFolding.forEachWordForm(text, elide: stemmer.language.elides, lowerCased: stemmer.stems) { folded, lower in
                words.append((lower ?? folded, folded))
            }
            return zip(words, stemmer.keys(words)).map { [$0.folded, $1] }
        }
        let output = try JSONSerialization.data(withJSONObject: result)
        FileHandle.standardOutput.write(output)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
