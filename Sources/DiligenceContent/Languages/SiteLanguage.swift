import DiligenceDiagnostics
import DiligenceSupport

/// One language of a multilingual site (`site.yml`, `languages:`): its code,
/// the name the language switcher shows, and the site's title, description
/// and vocabulary labels in that language. The default language's are
/// site.yml's own fields.
package struct SiteLanguage: Sendable, Hashable {
    package var code: String
    /// The language's name in itself ("Français"), for the switcher.
    package var name: String
    package var title: String
    package var description: String
    /// Vocabulary labels by vocabulary (`regions`, `categories`, `factors`,
    /// `regimes`, `risk_levels`) and id.
    package var labels: [String: [String: String]]

    package init(code: String, name: String, title: String, description: String, labels: [String: [String: String]] = [:]) {
        self.code = code
        self.name = name
        self.title = title
        self.description = description
        self.labels = labels
    }

    /// The vocabularies a language must label, as site.yml names them.
    package static let vocabularies = ["regions", "categories", "factors", "regimes", "risk_levels"]

    /// Names of common languages in themselves, for a language whose entry gives none.
    package static func nativeName(_ code: String) -> String {
        switch code.lowercased().prefix(2) {
        case "en": return "English"
        case "fr": return "Français"
        case "de": return "Deutsch"
        case "es": return "Español"
        case "it": return "Italiano"
        case "nl": return "Nederlands"
        case "pt": return "Português"
        default: return code
        }
    }
}
