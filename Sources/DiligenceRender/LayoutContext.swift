import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// Everything a template sees: the site, the way back to the root, navigation
/// and breadcrumbs, and the one view this output page shows.
public struct LayoutContext: Sendable {
    public struct SiteView: Sendable {
        public var title: String
        public var description: String
        public var language: String
    }

    public var site: SiteView
    /// "" or "../": prefix for links to the site's own files from this page.
    public var root: String
    public var title: String
    /// The `<title>`: "Page · Site", or the site title alone on the home page.
    public var documentTitle: String
    public var description: String
    public var navigation: [LinkView]
    public var breadcrumbs: [LinkView]
    public var footerPages: [LinkView]
    public var page: PageView? = nil
    public var listing: ListingView? = nil
    public var home: [ListingView.Group]? = nil
    public var matrix: MatrixView? = nil
    public var screening: ScreeningView? = nil
    public var review: ReviewView? = nil
}

// Field lookup for templates: one case per stored property.
extension LayoutContext: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "site": return site.templateValue
        case "root": return root.templateValue
        case "title": return title.templateValue
        case "documentTitle": return documentTitle.templateValue
        case "description": return description.templateValue
        case "navigation": return navigation.templateValue
        case "breadcrumbs": return breadcrumbs.templateValue
        case "footerPages": return footerPages.templateValue
        case "page": return page.templateValue
        case "listing": return listing.templateValue
        case "home": return home.templateValue
        case "matrix": return matrix.templateValue
        case "screening": return screening.templateValue
        case "review": return review.templateValue
        default: return .missing
        }
    }
}

extension LayoutContext.SiteView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
        switch name {
        case "title": return title.templateValue
        case "description": return description.templateValue
        case "language": return language.templateValue
        default: return .missing
        }
    }
}
