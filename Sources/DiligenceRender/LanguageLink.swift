import DiligenceContent
import DiligenceTemplate

/// One language's version of the page being rendered, for the language
/// switcher and the `hreflang` alternates: every page exists in every
/// language, at the same path under the language's folder.
package struct LanguageLink: Sendable {
    /// BCP 47 code (`fr`), for `hreflang` and `lang`.
    package var code: String
    /// The language's name in itself (Français).
    package var name: String
    /// Relative to the page: `../fr/products/spyware.html`.
    package var url: String
    package var current: Bool

    /// The versions of the page at `path` (relative to its language's
    /// folder), from a page whose way back to that folder is `root`.
    package static func links(for path: String, root: String, site: SiteConfig) -> [LanguageLink] {
        guard site.isMultilingual else { return [] }
        // From the current language's folder up to the site's root.
        let up = site.language == site.defaultLanguage ? "" : "../"
        return site.languages.map { language in
            LanguageLink(code: language.code, name: language.name,
                         url: language.code == site.language ? root + path : root + up + site.folder(of: language.code) + path,
                         current: language.code == site.language)
        }
    }
}

extension LanguageLink: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "code": return code.templateValue
        case "name": return self.name.templateValue
        case "url": return url.templateValue
        case "current": return current.templateValue
        default: return .missing
        }
    }
}

extension LanguageLink: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("LanguageLink") {
        [("code", .value), ("name", .value), ("url", .value), ("current", .value)]
    }
}
