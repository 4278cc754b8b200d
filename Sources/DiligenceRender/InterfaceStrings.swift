import DiligenceContent
import DiligenceGraph
import DiligenceSupport
import DiligenceTemplate

/// The words of the interface in the language a site is rendered in
/// (`site.language`): headings, labels, notes, dates. Every key comes from
/// the theme's strings files (`templates/strings/<lang>.yml`, `ThemeStrings`):
/// the language's own text where it has one, English where it has none.
///
/// Templates read them as `{{t.some_key}}`; Swift formats the sentences
/// that hold values (`format`, `count`), whose texts name them in braces:
/// `"{count} pages"`, `"reviewed {date}"`.
package struct InterfaceStrings: Sendable, TemplateObject {
    /// The language these strings are for, as the site names it (`fr`, `en-GB`).
    package let language: String
    /// Every key's text, English filling what the language lacks.
    package let texts: [String: String]

    package init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The built-in English strings: what data files and messages that are
    /// not part of a page use.
    package static let english = ThemeStrings.builtIn.strings(for: "en")

    /// A key's text; the key itself when no file has it (a template or a
    /// site's Swift-side key that the theme's English does not define).
    package subscript(_ key: String) -> String { texts[key] ?? key }

    /// A key's text with each `{name}` replaced by its value.
    package func format(_ key: String, _ values: [(String, String)]) -> String {
        Self.fill(self[key], values)
    }

    /// `key_one` or `key_other` by `count` (the language's rule: in French, 0
    /// takes the singular), with `{count}` and the other values filled in.
    package func count(_ key: String, _ count: Int, _ values: [(String, String)] = []) -> String {
        let singular = count == 1 || (count == 0 && self["grammar_zero_is_singular"] == "yes")
        return format(key + (singular ? "_one" : "_other"), [("count", String(count))] + values)
    }

    /// `text` with each `{name}` of `values` replaced; other braces left as they are.
    ///
    /// One pass over the bytes: Foundation's `replacingOccurrences`, once per
    /// value, took 7 % of a 10,000-page build's CPU time (risk badges are
    /// formatted for every link that shows one).
    package static func fill(_ text: String, _ values: [(String, String)]) -> String {
        var utf8 = text.utf8[...]
        guard utf8.contains(UInt8(ascii: "{")) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count + 32)
        while let open = utf8.firstIndex(of: UInt8(ascii: "{")) {
            result += utf8[..<open]
            let after = utf8[utf8.index(after: open)...]
            guard let close = after.firstIndex(of: UInt8(ascii: "}")) else {
                utf8 = utf8[open...]
                break
            }
            let name = after[..<close]
            if let value = values.first(where: { $0.0.utf8.elementsEqual(name) })?.1 {
                result += value.utf8
            } else {
                result += utf8[open...close]
            }
            utf8 = after[after.index(after: close)...]
        }
        result += utf8
        return String(decoding: result, as: UTF8.self)
    }

    /// The `{name}`s a text uses, for checking a translation against English.
    package static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
            rest = after[after.index(after: close)...]
        }
        return names
    }

    // MARK: Dates

    /// A date for readers: "22 November 2026" / "22 novembre 2026",
    /// "June 2022" / "juin 2022", "2022"; the month names and the order from
    /// the strings (`month_1`…`month_12`, `date_day_month_year`, `date_month_year`).
    package func date(_ date: PartialDate) -> String {
        guard let month = date.month else { return String(date.year) }
        let name = self["month_\(month)"]
        guard let day = date.day else { return format("date_month_year", [("month", name), ("year", String(date.year))]) }
        let dayText = day == 1 ? self["date_first_day"] : String(day)
        return format("date_day_month_year", [("day", dayText), ("month", name), ("year", String(date.year))])
    }

    // MARK: Words the renderer shows for content's fixed values

    /// "Guidance", "Product risk", "Country profile", "Page".
    package func label(_ kind: PageKind) -> String { self["kind_\(kind.rawValue)"] }

    /// "Guidance", "Products", "Countries", "About".
    package func pluralLabel(_ kind: PageKind) -> String { self["kind_\(kind.rawValue)_plural"] }

    /// "Region", "Risk level"… (`Taxonomy`).
    package func label(_ taxonomy: Taxonomy) -> String { self["taxonomy_\(taxonomy.rawValue)"] }

    package func pluralLabel(_ taxonomy: Taxonomy) -> String { self["taxonomy_\(taxonomy.rawValue)_plural"] }

    /// "Present", "Partly present"…
    package func label(_ status: FactorStatus) -> String { self["factor_status_\(status.rawValue)"] }

    /// "Source 2": a citation of a page's own numbered source.
    package func source(_ number: Int) -> String { format("source_numbered", [("number", String(number))]) }

    /// "5e34a8a of 2 December 2026", with ", with uncommitted changes" when so.
    package func label(_ edition: Edition) -> String {
        let date = self.date(edition.date)
        var text = edition.commit.map { format("edition_label", [("hash", $0.shortHash), ("date", date)]) }
            ?? format("edition_label_no_commit", [("date", date)])
        if edition.uncommitted { text += self["edition_uncommitted"] }
        return text
    }

    /// The first character in upper case ("modification du…" → "Modification du…").
    package static func capitalizingFirst(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// The first character in lower case, for a label inside a sentence ("Élevé" → "élevé").
    package static func lowercasingFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }

    // MARK: Templates

    /// `{{t.key}}`: the key's text, or nothing.
    package func value(named name: String) -> TemplateValue {
        texts[name].map { .text($0) } ?? .missing
    }

    /// The name of the strings' schema, so the reference and the tests can tell it from the views.
    package static let schemaName = "InterfaceStrings"

    /// The keys templates may name after `t.`: every key English defines.
    package static func templateSchema(keys: [String]) -> TemplateSchema {
        TemplateSchema(schemaName) { keys.map { ($0, .value) } }
    }

    /// For the built-in theme's keys.
    package static let templateSchema = templateSchema(keys: ThemeStrings.builtIn.englishKeys)
}
