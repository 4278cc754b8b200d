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
