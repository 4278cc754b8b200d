/// Identifies a page: its kind and slug (`countries/cn`). This is also the
/// form editors use for references in `related`.
public struct PageID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var kind: PageKind
    public var slug: String

    public init(_ kind: PageKind, _ slug: String) {
        self.kind = kind
        self.slug = slug
    }

    /// `products/facial-recognition`
    public var description: String { "\(kind.folder)/\(slug)" }

    /// The page's path in the output, relative to the site root.
    public var outputPath: String { "\(kind.folder)/\(slug).html" }

    /// The source file's path relative to `content/`.
    public var sourcePath: String { "\(kind.folder)/\(slug).md" }

    public static func < (lhs: PageID, rhs: PageID) -> Bool {
        (lhs.kind, lhs.slug) < (rhs.kind, rhs.slug)
    }
}
