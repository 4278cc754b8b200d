import Mustache

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

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension LayoutContext: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "site": return site
        case "root": return root
        case "title": return title
        case "documentTitle": return documentTitle
        case "description": return description
        case "navigation": return navigation
        case "breadcrumbs": return breadcrumbs
        case "footerPages": return footerPages
        case "page": return page
        case "listing": return listing
        case "home": return home
        case "matrix": return matrix
        case "screening": return screening
        case "review": return review
        default: return nil
        }
    }
}

extension LayoutContext.SiteView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "description": return description
        case "language": return language
        default: return nil
        }
    }
}
