import DiligenceDiagnostics
import DiligenceSupport
import Foundation

/// The files `diligence new` writes: every field of the kind, with
/// placeholders starting with `TODO` that `check` rejects until an editor
/// replaces them, and the `yaml-language-server` comment that gives editors
/// completion and validation from `schemas/`.
package enum Scaffold {
    /// Marks a value an editor must replace; `check` reports any value or
    /// body line starting with it.
    package static let placeholder = "TODO"

    /// Whether "TODO" is anywhere in `text`, so pages without it skip the
    /// line-by-line check. Each "T" is found with `memchr` (vectorised in
    /// the C library): a Swift loop over every byte of every body was 0.7 %
    /// of a build of long pages.
    package static func mayContainPlaceholder(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count >= 4 else { return false }
            var i = 0
            while i <= bytes.count - 4 {
                guard let hit = memchr(base + i, Int32(UInt8(ascii: "T")), bytes.count - 3 - i) else { return false }
                let t = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if base[t + 1] == UInt8(ascii: "O"), base[t + 2] == UInt8(ascii: "D"), base[t + 3] == UInt8(ascii: "O") { return true }
                i = t + 1
            }
            return false
        }
    }

    package enum Problem: Error, CustomStringConvertible {
        case invalidCountryCode(String, hint: String?)
        case invalidSlug(String)

        package var description: String {
            switch self {
            case .invalidCountryCode(let code, let hint):
                return "'\(code)' is not an ISO 3166-1 alpha-2 country code" + (hint.map { " (\($0))" } ?? "")
            case .invalidSlug(let slug):
                return "'\(slug)' is not a valid slug: use lower-case ASCII letters, digits and hyphens, e.g. '\(PageDecoder.suggestedSlug(slug))'"
            }
        }
    }

    /// The `sources` field with one entry to fill in (both kinds need one).
    package static let sources = """
        sources:
          - title: \(placeholder) title of the document you read
            publisher: \(placeholder) who published it
            date: \(placeholder) YYYY-MM-DD, YYYY-MM or YYYY
            url: \(placeholder) https://… where a reader can check it

        """

    /// `countries/<code>.md` for an ISO code in any case.
    package static func country(_ code: String, site: SiteConfig) throws -> (path: String, text: String) {
        let upper = code.uppercased()
        guard upper.count == 2, CountryCodes.isValid(upper) else {
            throw Problem.invalidCountryCode(code, hint: CountryCodes.hint(for: code))
        }
        let factors = site.factors.terms.map { "  \($0.id):\n    status: unknown\n" }.joined()
        let text = """
        ---
        # yaml-language-server: $schema=../../schemas/country.schema.json
        country: \(upper)
        name: \(placeholder) the country's common English name
        summary: \(placeholder) one or two sentences on what the sources say about this country
        region: \(placeholder) one of \(site.regions.ids.joined(separator: ", "))
        # A level from risk_levels in site.yml, or unknown until a source supports one.
        risk: unknown
        # Each factor stays unknown until a source supports a status; then give
        # status, note and source (a URL or the number of an entry in sources).
        factors:
        \(factors)# Regimes a cited source confirms: \(site.regimes.ids.joined(separator: ", ")).
        regimes: []
        # Sanctions, entity listings, embargoes, advisories, each with its source:
        # - authority: US Department of Commerce
        #   measure: What it is.
        #   date: 2021-11-03
        #   url: https://…
        measures: []
        # Product slugs (products/<slug>.md) of particular concern here.
        products: []
        \(sources)reviewed: \(placeholder) today's date, YYYY-MM-DD
        reviewed_by: \(placeholder) your team or role
        ---

        ## What the sources say

        \(placeholder) Write, in your own words, what each source says, naming it.

        ## What needs an editor

        List what is still unknown, so the next editor knows where to start.

        """
        return ("countries/\(upper.lowercased()).md", text)
    }

    /// `products/<slug>.md`.
    package static func product(_ slug: String, site: SiteConfig) throws -> (path: String, text: String) {
        guard PageDecoder.isSlug(slug) else { throw Problem.invalidSlug(slug) }
        let text = """
        ---
        # yaml-language-server: $schema=../../schemas/product.schema.json
        title: \(placeholder) name of the product type
        summary: \(placeholder) one or two sentences on what it is and why it is a concern
        category: \(placeholder) one of \(site.categories.ids.joined(separator: ", "))
        # A level from risk_levels in site.yml (see the methodology page), or unknown.
        risk: unknown
        capabilities:
          - \(placeholder) what it can do that enables surveillance
        misuse:
          - \(placeholder) a documented or foreseeable misuse
        red_flags:
          - \(placeholder) a sign in a transaction that calls for escalation
        safeguards:
          - \(placeholder) a design, contract or after-sale mitigation
        # Export-control entries, each as regime (\(site.regimes.ids.joined(separator: ", "))), entry and note.
        controls: []
        # ISO codes of countries whose profiles document a concern about it.
        countries: []
        # Guidance steps (guidance/<slug>.md) most relevant to it.
        guidance: []
        \(sources)---

        ## Why it is a concern

        \(placeholder) Say which source names this product type, and why.

        """
        return ("products/\(slug).md", text)
    }
}
