import DiligenceDiagnostics
import DiligenceSupport

/// The four kinds of content page, each in its own folder of `content/`.
public enum PageKind: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    case guidance
    case product
    case country
    case page

    /// The folder under `content/` (and under the output) that holds this kind.
    public var folder: String {
        switch self {
        case .guidance: return "guidance"
        case .product: return "products"
        case .country: return "countries"
        case .page: return "pages"
        }
    }

    public init?(folder: String) {
        guard let kind = PageKind.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    /// Singular label for readers ("Country profile").
    public var label: String {
        switch self {
        case .guidance: return "Guidance"
        case .product: return "Product risk"
        case .country: return "Country profile"
        case .page: return "Page"
        }
    }

    /// Plural label, used for index pages and navigation.
    public var pluralLabel: String {
        switch self {
        case .guidance: return "Guidance"
        case .product: return "Products"
        case .country: return "Countries"
        case .page: return "About"
        }
    }

    /// Place in `allCases`, the order pages are sorted in (a switch:
    /// `allCases` makes an array each time it is read, and ids are compared
    /// and hashed hundreds of thousands of times a build).
    package var rank: Int {
        switch self {
        case .guidance: return 0
        case .product: return 1
        case .country: return 2
        case .page: return 3
        }
    }

    public static func < (lhs: PageKind, rhs: PageKind) -> Bool {
        lhs.rank < rhs.rank
    }
}
