import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an Atom feed with a real XML parser (so a malformed feed fails the
/// test) and collects each entry's link and updated time.
final class AtomEntries: NSObject, XMLParserDelegate {
    private(set) var links: [String] = []
    private(set) var updated: [String] = []
    private var inEntry = false
    private var text = ""

    init(_ xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw NSError(domain: "AtomEntries", code: 1, userInfo: [NSLocalizedDescriptionKey: "feed is not well-formed XML: \(String(describing: parser.parserError))"])
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        if name == "entry" { inEntry = true }
        if inEntry, name == "link", let href = attributes["href"] { links.append(href) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "entry" { inEntry = false }
        if inEntry, name == "updated" { updated.append(text) }
    }
}
