import DiligenceDiagnostics
import DiligenceSupport

/// Identifies a page: its kind and slug (`countries/cn`). This is also the
/// form editors use for references in `related`.
///
/// Page ids are the keys of most of the graph's dictionaries (backlinks,
/// relations, fingerprints), looked up hundreds of thousands of times per
/// build: the slug's hash is computed once, here, instead of by every lookup.
package struct PageID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    package let kind: PageKind
    package let slug: String
    private let slugHash: UInt64

    /// The slug's FNV-1a hash (`StableHasher`), the same in every process.
    package var stableHash: UInt64 { slugHash }

    package init(_ kind: PageKind, _ slug: String) {
        self.kind = kind
        self.slug = slug
        var hasher = StableHasher()
        var slug = slug
        slug.withUTF8 { hasher.combine(bytes: $0) }  // the contiguous bytes: the generic loop costs more
        self.slugHash = hasher.value
    }

    package static func == (lhs: PageID, rhs: PageID) -> Bool {
        lhs.slugHash == rhs.slugHash && lhs.kind == rhs.kind && lhs.slug == rhs.slug
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(slugHash)
        hasher.combine(kind)
    }

    /// The hash dictionaries use, from the slug's precomputed hash without
    /// running SipHash again: page ids are dictionary keys for every page in
    /// every stage, and SipHash's rounds were a tenth of an incremental
    /// build's CPU time (`Hasher._finalize` and friends in `perf`). Page ids
    /// come from the site's own files, so hash flooding is not a concern.
    package func _rawHashValue(seed: Int) -> Int {
        let x = slugHash ^ UInt64(bitPattern: Int64(seed)) ^ (UInt64(kind.rank) &* 0x9E37_79B9_7F4A_7C15)
        return Int(truncatingIfNeeded: StableHasher.mixed(x))
    }

    private enum CodingKeys: String, CodingKey { case kind, slug }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(PageKind.self, forKey: .kind), try container.decode(String.self, forKey: .slug))
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(slug, forKey: .slug)
    }

    /// `products/facial-recognition`
    package var description: String { "\(kind.folder)/\(slug)" }

    /// The page's path in the output, relative to the site root.
    package var outputPath: String { "\(kind.folder)/\(slug).html" }

    /// The source file's path relative to `content/`.
    package var sourcePath: String { "\(kind.folder)/\(slug).md" }

    package static func < (lhs: PageID, rhs: PageID) -> Bool {
        (lhs.kind, lhs.slug) < (rhs.kind, rhs.slug)
    }
}
