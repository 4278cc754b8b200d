import DiligenceContent
import DiligenceSupport

/// The binary cache form of what linking a page found and of what an output read.
extension SiteGraphBuilder.Resolved: CacheCodable {
    package func write(to writer: inout CacheWriter) { writer.write(targets); writer.write(related) }
    package init(from reader: inout CacheReader) throws {
        self.init(targets: try reader.readArray(), related: try reader.readArray())
    }
}

extension Dependency: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        switch self {
        case .card(let id): writer.int(1); writer.write(id)
        case .frontMatter(let id): writer.int(2); writer.write(id)
        case .backlinks(let id): writer.int(3); writer.write(id)
        case .related(let id): writer.int(4); writer.write(id)
        case .productCountries(let id): writer.int(5); writer.write(id)
        case .countryProducts(let id): writer.int(6); writer.write(id)
        case .productConcerns(let id): writer.int(7); writer.write(id)
        case .kind(let kind): writer.int(8); writer.write(kind)
        case .guidanceOrder: writer.int(9)
        case .members(let taxonomy, let term): writer.int(10); writer.string(taxonomy.rawValue); writer.string(term)
        case .all: writer.int(11)
        case .footer: writer.int(12)
        case .neighbours(let id): writer.int(13); writer.write(id)
        case .kindFacts(let kind): writer.int(14); writer.write(kind)
        case .memberCards(let taxonomy, let term): writer.int(15); writer.string(taxonomy.rawValue); writer.string(term)
        case .count(let kind): writer.int(16); writer.write(kind)
        case .orphans: writer.int(17)
        case .dated: writer.int(18)
        case .concerns(let id): writer.int(19); writer.write(id)
        case .review(let id): writer.int(20); writer.write(id)
        }
    }
    package init(from reader: inout CacheReader) throws {
        switch try reader.int() {
        case 1: self = .card(try reader.read())
        case 2: self = .frontMatter(try reader.read())
        case 3: self = .backlinks(try reader.read())
        case 4: self = .related(try reader.read())
        case 5: self = .productCountries(try reader.read())
        case 6: self = .countryProducts(try reader.read())
        case 7: self = .productConcerns(try reader.read())
        case 8: self = .kind(try reader.read())
        case 9: self = .guidanceOrder
        case 10:
            guard let taxonomy = Taxonomy(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
            self = .members(taxonomy, try reader.string())
        case 11: self = .all
        case 12: self = .footer
        case 13: self = .neighbours(try reader.read())
        case 14: self = .kindFacts(try reader.read())
        case 15:
            guard let taxonomy = Taxonomy(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
            self = .memberCards(taxonomy, try reader.string())
        case 16: self = .count(try reader.read())
        case 17: self = .orphans
        case 18: self = .dated
        case 19: self = .concerns(try reader.read())
        case 20: self = .review(try reader.read())
        default: throw CacheReader.Corrupt()
        }
    }
}
