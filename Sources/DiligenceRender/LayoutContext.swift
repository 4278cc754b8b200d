import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// Everything a template sees: the site, the way back to the root, navigation
/// and breadcrumbs, and the one view this output page shows.
package struct LayoutContext: Sendable {
    package struct SiteView: Sendable {
        package var title: String
        package var description: String
        package var language: String
        /// The logo's path from the site root (`assets/logo.svg`), from `branding`.
        package var logo: String?
        /// The footer line from `branding`.
        package var footer: String?
        /// `static/brand.css` exists (an accent colour is set).
        package var brandCSS: Bool
    }

    package var site: SiteView
    /// "" or "../": prefix for links to the site's own files from this page.
    package var root: String
    package var title: String
    /// The `<title>`: "Page · Site", or the site title alone on the home page.
    package var documentTitle: String
    package var description: String
    package var navigation: [LinkView]
    package var breadcrumbs: [LinkView]
    package var footerPages: [LinkView]
    /// The edition of the content this page belongs to.
    package var edition: EditionView
    /// The page's own address when the site's `baseURL` is known: printed
    /// on paper, so a printout leads back to the page.
    package var pageURL: String?
    package var page: PageView? = nil
    package var listing: ListingView? = nil
    package var home: [ListingView.Group]? = nil
    package var matrix: MatrixView? = nil
    package var screening: ScreeningView? = nil
    package var review: ReviewView? = nil
    /// This page in each language of the site (empty for a site in one).
    package var languages: [LanguageLink] = []
    /// The interface's words in the site's language (`{{t.skip_to_content}}`):
    /// templates/strings/<lang>.yml, English for what it lacks.
    package var t: InterfaceStrings
}

// Field lookup for templates: one case per stored property.
extension LayoutContext: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "site": return site.templateValue
        case "root": return root.templateValue
        case "title": return title.templateValue
        case "documentTitle": return documentTitle.templateValue
        case "description": return description.templateValue
        case "navigation": return navigation.templateValue
        case "breadcrumbs": return breadcrumbs.templateValue
        case "footerPages": return footerPages.templateValue
        case "edition": return edition.templateValue
        case "pageURL": return pageURL.templateValue
        case "page": return page.templateValue
        case "listing": return listing.templateValue
        case "home": return home.templateValue
        case "matrix": return matrix.templateValue
        case "screening": return screening.templateValue
        case "review": return review.templateValue
        case "languages": return languages.templateValue
        case "t": return t.templateValue
        default: return .missing
        }
    }

    /// The strings are the same on every page: a listed item may read them
    /// and still be copied from the last build.
    package func isFixedForTheBuild(_ name: String) -> Bool { name == "t" }
}

extension LayoutContext.SiteView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "title": return title.templateValue
        case "description": return description.templateValue
        case "language": return language.templateValue
        case "logo": return logo.templateValue
        case "footer": return footer.templateValue
        case "brandCSS": return brandCSS.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension LayoutContext: TemplateSchemaProviding {
    /// With the built-in theme's strings keys under `t`.
    package static let templateSchema = schema(strings: InterfaceStrings.templateSchema)

    /// With `strings` (the keys of a theme's English strings) under `t`.
    package static func schema(strings: TemplateSchema) -> TemplateSchema {
        TemplateSchema("LayoutContext") {
        [
            ("site", .object(LayoutContext.SiteView.templateSchema)),
            ("root", .value),
            ("title", .value),
            ("documentTitle", .value),
            ("description", .value),
            ("navigation", .list(.object(LinkView.templateSchema))),
            ("breadcrumbs", .list(.object(LinkView.templateSchema))),
            ("footerPages", .list(.object(LinkView.templateSchema))),
            ("edition", .object(EditionView.templateSchema)),
            ("pageURL", .value),
            ("page", .object(PageView.templateSchema)),
            ("listing", .object(ListingView.templateSchema)),
            ("home", .list(.object(ListingView.Group.templateSchema))),
            ("matrix", .object(MatrixView.templateSchema)),
            ("screening", .object(ScreeningView.templateSchema)),
            ("review", .object(ReviewView.templateSchema)),
            ("languages", .list(.object(LanguageLink.templateSchema))),
            ("t", .object(strings)),
        ]
        }
    }
}

extension LayoutContext.SiteView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("LayoutContext.SiteView") {
        [
            ("title", .value),
            ("description", .value),
            ("language", .value),
            ("logo", .value),
            ("footer", .value),
            ("brandCSS", .value),
        ]
    }
}
