import DiligenceDiagnostics
import DiligenceSupport

/// `branding` in site.yml: what a company changes of the built-in templates
/// without copying any: a logo, an accent colour (one per colour scheme)
/// and a footer line.
package struct Branding: Sendable {
    /// A file of the content's `assets/` folder (`assets/logo.svg`).
    package var logo: Located<String>?
    /// `#rrggbb`, checked for contrast (`ColourContrast`).
    package var accent: Located<String>?
    package var accentDark: Located<String>?
    package var footer: String?

    package init(logo: Located<String>? = nil, accent: Located<String>? = nil, accentDark: Located<String>? = nil, footer: String? = nil) {
        self.logo = logo
        self.accent = accent
        self.accentDark = accentDark
        self.footer = footer
    }

    /// The backgrounds link text sits on: page and panels, light then dark.
    package static let lightBackgrounds = ["#ffffff", "#f6f8fa"]
    package static let darkBackgrounds = ["#0d1117", "#161b22"]

    /// `static/brand.css`, when an accent is set: the built-in stylesheet's
    /// custom property, overridden (a file, as the CSP allows no inline style).
    package var stylesheet: String? {
        guard accent != nil || accentDark != nil else { return nil }
        var css = "/* Generated from branding in site.yml. */\n"
        // Each colour only in its own scheme: the light accent would be
        // unreadable on the dark background, where the built-in one stays.
        if let accent { css += "@media (prefers-color-scheme: light) { :root { --accent: \(accent.value); } }\n" }
        if let accentDark { css += "@media (prefers-color-scheme: dark) { :root { --accent: \(accentDark.value); } }\n" }
        return css
    }
}
