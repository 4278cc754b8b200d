import DiligenceContent
import DiligenceSupport

/// What linking made of the graph — its relations by place, the concerns
/// naming each product, each taxonomy term's pages — kept by a build for the
/// next one (in the outputs' index, `OutputCache`).
///
/// Why: linking 10,000 pages again from their cache records was 35–50 ms of
/// an incremental build's wall time, a fifth of a title edit's, for a graph
/// that an edit of a title, a sentence or a factor note leaves as it was.
/// An incremental build whose page set is the last build's, and whose
/// re-read pages name the same pages and terms as before
/// (`SiteGraphBuilder.linkInputs`), takes these lists back instead
/// (`SiteGraphBuilder.assemble(_:resolved:kept:)`): two arrays of integers
/// per relation, copied from the file as they were written.
package struct KeptLinks: Sendable, Equatable {
    /// How many pages, and `SiteGraphBuilder.idsHash` of their ids: the
    /// graph whose places these are.
    package var pageCount: Int
    package var idsHash: UInt64
    /// `PageRelation.starts` and `places` of each relation.
    package struct Lists: Sendable, Equatable {
        package var starts: [Int32]
        package var places: [Int32]
    }

    package var outgoing: Lists
    package var backlinks: Lists
    package var productCountries: Lists
    package var countryProducts: Lists
    /// Each concern naming a product: the product's place, the country's
    /// place and the concern's index, products in page order.
    package var concerns: [Int32]
    /// Each taxonomy term with pages: the taxonomy (its index in `Taxonomy.allCases`), the term, its pages' places.
    package var members: [(taxonomy: Int, term: String, places: [Int32])]

    package static func == (lhs: KeptLinks, rhs: KeptLinks) -> Bool {
        lhs.pageCount == rhs.pageCount && lhs.idsHash == rhs.idsHash && lhs.outgoing == rhs.outgoing
            && lhs.backlinks == rhs.backlinks && lhs.productCountries == rhs.productCountries
            && lhs.countryProducts == rhs.countryProducts && lhs.concerns == rhs.concerns
            && lhs.members.elementsEqual(rhs.members) { $0.taxonomy == $1.taxonomy && $0.term == $1.term && $0.places == $1.places }
    }

    /// The links of `graph`; nil when a list names a page outside it (only
    /// while links are not checked, as a build with errors has them).
    package init?(_ graph: SiteGraph) {
        let relations = [graph.outgoing, graph.backlinks, graph.productCountries, graph.countryProducts]
        guard relations.allSatisfy(\.isWithinGraph) else { return nil }
        let position = graph.order.position
        pageCount = graph.pages.count
        idsHash = SiteGraphBuilder.idsHash(graph.order.ids)
        let lists = relations.map { Lists(starts: $0.starts, places: $0.places) }
        (outgoing, backlinks, productCountries, countryProducts) = (lists[0], lists[1], lists[2], lists[3])
        concerns = []
        for (place, id) in graph.order.ids.enumerated() {
            for ref in graph.productConcerns[id] ?? [] {
                guard let country = position[ref.country] else { return nil }
                concerns += [Int32(place), Int32(country), Int32(ref.index)]
            }
        }
        members = []
        for (t, taxonomy) in Taxonomy.allCases.enumerated() {
            for (term, ids) in (graph.members[taxonomy] ?? [:]).sorted(by: { $0.key < $1.key }) {
                var places: [Int32] = []
                places.reserveCapacity(ids.count)
                for id in ids {
                    guard let place = position[id] else { return nil }
                    places.append(Int32(place))
                }
                members.append((t, term, places))
            }
        }
    }
}

extension KeptLinks: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.int(pageCount)
        writer.uint64(idsHash)
        for lists in [outgoing, backlinks, productCountries, countryProducts] {
            Self.write(lists.starts, to: &writer)
            Self.write(lists.places, to: &writer)
        }
        Self.write(concerns, to: &writer)
        writer.int(members.count)
        for (taxonomy, term, places) in members {
            writer.int(taxonomy)
            writer.string(term)
            Self.write(places, to: &writer)
        }
    }

    package init(from reader: inout CacheReader) throws {
        let pageCount = try reader.int()
        self.pageCount = pageCount
        idsHash = try reader.uint64()
        guard pageCount >= 0 else { throw CacheReader.Corrupt() }
        var lists: [Lists] = []
        for _ in 0..<4 {
            let starts = try Self.read(&reader), places = try Self.read(&reader)
            // Every list within `places`, in order; every place a page's.
            guard starts.count == pageCount + 1, starts.first == 0, Int(starts.last!) == places.count,
                  zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }),
                  places.allSatisfy({ $0 >= 0 && Int($0) < pageCount }) else { throw CacheReader.Corrupt() }
            lists.append(Lists(starts: starts, places: places))
        }
        (outgoing, backlinks, productCountries, countryProducts) = (lists[0], lists[1], lists[2], lists[3])
        let concerns = try Self.read(&reader)
        self.concerns = concerns
        guard concerns.count % 3 == 0,
              stride(from: 0, to: concerns.count, by: 3).allSatisfy({ concerns[$0] >= 0 && Int(concerns[$0]) < pageCount
                  && concerns[$0 + 1] >= 0 && Int(concerns[$0 + 1]) < pageCount && concerns[$0 + 2] >= 0 }) else { throw CacheReader.Corrupt() }
        let count = try reader.int()
        guard count >= 0, count <= reader.remaining else { throw CacheReader.Corrupt() }
        var members: [(taxonomy: Int, term: String, places: [Int32])] = []
        for _ in 0..<count {
            let taxonomy = try reader.int()
            let term = try reader.string()
            let places = try Self.read(&reader)
            guard Taxonomy.allCases.indices.contains(taxonomy), places.allSatisfy({ $0 >= 0 && Int($0) < pageCount }) else {
                throw CacheReader.Corrupt()
            }
            members.append((taxonomy, term, places))
        }
        self.members = members
    }

    /// Integers as their little-endian bytes, end to end: read back with
    /// one copy, where a variable-length integer each took a loop per value.
    private static func write(_ values: [Int32], to writer: inout CacheWriter) {
        values.withUnsafeBytes { raw in
            if Int32(littleEndian: 1) == 1 { writer.bytes(raw) } else { writer.bytes(values.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }) }
        }
    }

    private static func read(_ reader: inout CacheReader) throws -> [Int32] {
        let bytes = try reader.rawBytes()
        guard bytes.count % 4 == 0 else { throw CacheReader.Corrupt() }
        return bytes.withUnsafeBytes { raw in
            [Int32](unsafeUninitializedCapacity: raw.count / 4) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                if Int32(littleEndian: 1) != 1 { for i in 0..<buffer.count { buffer[i] = Int32(littleEndian: buffer[i]) } }
                count = raw.count / 4
            }
        }
    }
}
