import DiligenceDiagnostics
import DiligenceSupport

/// The binary cache form of the content model: the build cache keeps each
/// published page's front matter. Fields in declaration order; the format
/// number in `BuildSnapshot.format` changes whenever this file does.
extension Located: CacheCodable where Value == String {
    package func write(to writer: inout CacheWriter) {
        writer.string(value); writer.write(location)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(try reader.string(), at: try reader.read())
    }
}

extension PartialDate: CacheCodable {
    public func write(to writer: inout CacheWriter) {
        writer.int(year); writer.int(month ?? 0); writer.int(day ?? 0)
    }
    public init(from reader: inout CacheReader) throws {
        let year = try reader.int(), month = try reader.int(), day = try reader.int()
        self.init(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
    }
}

extension PageKind: CacheCodable {
    /// By its place in `allCases`: a page id in every dependency a page read
    /// has one, and matching the name cost more than reading the rest.
    public func write(to writer: inout CacheWriter) { writer.int(rank) }
    public init(from reader: inout CacheReader) throws {
        let rank = try reader.int()
        guard PageKind.allCases.indices.contains(rank) else { throw CacheReader.Corrupt() }
        self = PageKind.allCases[rank]
    }
}

/// By its number in the writer's `PageIDTable` when it has one and the id
/// is in it (a negative number), else by kind (its rank, not negative) and slug.
extension PageID: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        if let table = writer.symbols as? PageIDTable, let number = table.number(of: self) {
            writer.int(-1 - number)
        } else {
            writer.write(kind); writer.string(slug)
        }
    }
    package init(from reader: inout CacheReader) throws {
        let n = try reader.int()
        if n < 0 {
            guard let table = reader.symbols, -1 - n < table.count else { throw CacheReader.Corrupt() }
            self = table.base.assumingMemoryBound(to: PageID.self)[-1 - n]
        } else {
            guard PageKind.allCases.indices.contains(n) else { throw CacheReader.Corrupt() }
            self.init(PageKind.allCases[n], try reader.string())
        }
    }
}

extension Source: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.string(title); writer.write(publisher); writer.write(date); writer.write(url); writer.write(reference)
        writer.write(location)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(title: try reader.string(), publisher: try reader.readOptional(), date: try reader.readOptional(),
                  url: try reader.readOptional(), reference: try reader.readOptional(), location: try reader.read())
    }
}

extension GuidanceStep: CacheCodable {
    package func write(to writer: inout CacheWriter) { writer.int(order); writer.write(related) }
    package init(from reader: inout CacheReader) throws {
        self.init(order: try reader.int(), related: try reader.readArray())
    }
}

extension ControlEntry: CacheCodable {
    package func write(to writer: inout CacheWriter) { writer.string(regime); writer.write(entry); writer.write(note) }
    package init(from reader: inout CacheReader) throws {
        self.init(regime: try reader.string(), entry: try reader.readOptional(), note: try reader.readOptional())
    }
}

/// A product's fields that only its own page, its search record and the
/// data files show; the rest of its front matter is `ProductRisk`'s cache
/// form. `Page` keeps these apart (`Page.light`).
extension ProductRisk: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.string(category); writer.string(risk); writer.write(riskLocation)
        writer.write(controls); writer.write(countries); writer.write(guidance)
    }
    /// The listed fields, with the lists of `writeLists` empty.
    package init(from reader: inout CacheReader) throws {
        self.init(category: try reader.string(), risk: try reader.string(), riskLocation: try reader.readOptional(),
                  riskBasis: nil, capabilities: [], misuse: [], redFlags: [], safeguards: [],
                  controls: try reader.readArray(), countries: try reader.readArray(), guidance: try reader.readArray())
    }

    fileprivate func writeLists(to writer: inout CacheWriter) {
        writer.write(riskBasis); writer.write(capabilities); writer.write(misuse); writer.write(redFlags); writer.write(safeguards)
    }

    fileprivate mutating func readLists(from reader: inout CacheReader) throws {
        riskBasis = try reader.readOptional()
        capabilities = try reader.readArray(); misuse = try reader.readArray()
        redFlags = try reader.readArray(); safeguards = try reader.readArray()
    }
}

extension FactorStatus: CacheCodable {
    package func write(to writer: inout CacheWriter) { writer.string(rawValue) }
    package init(from reader: inout CacheReader) throws {
        guard let status = FactorStatus(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self = status
    }
}

extension Evidence: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        switch self {
        case .url(let url): writer.int(0); writer.string(url)
        case .sourceIndex(let n): writer.int(1); writer.int(n)
        }
    }
    package init(from reader: inout CacheReader) throws {
        switch try reader.int() {
        case 0: self = .url(try reader.string())
        case 1: self = .sourceIndex(try reader.int())
        default: throw CacheReader.Corrupt()
        }
    }
}

extension FactorAssessment: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.string(factor); writer.write(status); writer.write(note); writer.write(source); writer.write(location)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(factor: try reader.string(), status: try reader.read(), note: try reader.readOptional(),
                  source: try reader.readOptional(), location: try reader.read())
    }
}

extension Measure: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.string(authority); writer.write(measure); writer.write(date); writer.write(url); writer.write(source)
        writer.int(restrictsExports ? 1 : 0)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(authority: try reader.string(), measure: try reader.read(), date: try reader.readOptional(), url: try reader.readOptional(),
                  source: try reader.readOptional(), restrictsExports: try reader.int() == 1)
    }
}

extension Concern: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.write(products); writer.write(categories); writer.write(basis); writer.write(source); writer.write(location)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(products: try reader.readArray(), categories: try reader.readArray(), basis: try reader.read(),
                  source: try reader.read(), location: try reader.read())
    }
}

extension CountryProfile: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        writer.string(country); writer.string(region); writer.string(risk); writer.write(riskBasis); writer.write(factors)
        writer.write(regimes); writer.write(measures); writer.write(products); writer.write(concerns)
        writer.write(reviewed); writer.write(reviewedBy)
    }
    package init(from reader: inout CacheReader) throws {
        self.init(country: try reader.string(), region: try reader.string(), risk: try reader.string(),
                  riskBasis: try reader.readOptional(), factors: try reader.readArray(), regimes: try reader.readArray(),
                  measures: try reader.readArray(), products: try reader.readArray(), concerns: try reader.readArray(),
                  reviewed: try reader.read(), reviewedBy: try reader.readOptional())
    }
}

extension PageDetails: CacheCodable {
    package func write(to writer: inout CacheWriter) {
        switch self {
        case .guidance(let g): writer.int(0); writer.write(g)
        case .product(let p): writer.int(1); writer.write(p)
        case .country(let c): writer.int(2); writer.write(c)
        case .page: writer.int(3)
        }
    }
    package init(from reader: inout CacheReader) throws {
        switch try reader.int() {
        case 0: self = .guidance(try reader.read())
        case 1: self = .product(try reader.read())
        case 2: self = .country(try reader.read())
        case 3: self = .page
        default: throw CacheReader.Corrupt()
        }
    }
}

extension Page: CacheCodable {
    /// The body is not kept: a cached page is parsed from its file again
    /// when its HTML must be rendered. A product's sources and lists come
    /// last, apart (`Page.light`).
    package func write(to writer: inout CacheWriter) {
        writer.write(id); writer.string(file); writer.string(title); writer.string(summary); writer.write(tags)
        let apart = kind == .product
        if !apart { writer.write(sources) }
        writer.write(updated); writer.bool(draft); writer.write(details); writer.int(bodyFirstLine)
        writer.string(textLanguage ?? ""); writer.write(translationUpdated)
        // A writer of their own: read later, or never, by a reader of their own.
        var lists = CacheWriter()
        if apart {
            lists.write(sources)
            if case .product(let p) = details { p.writeLists(to: &lists) }
        }
        writer.bytes(lists.bytes)
    }

    package init(from reader: inout CacheReader) throws {
        let (page, lists) = try Page.light(from: &reader)
        self = try page.completed(with: lists)
    }

    /// A page without what only its own page, its search record and the
    /// data files show: a product's sources and lists (`completed(with:)`
    /// adds them back from the bytes returned). The 10,000 records of a
    /// large site are decoded on every incremental build, and those lists,
    /// nine pages in ten, were half of the work and of the memory.
    package static func light(from reader: inout CacheReader) throws -> (Page, lists: CacheBytes) {
        let id: PageID = try reader.read()
        let file = try reader.string(), title = try reader.string(), summary = try reader.string()
        let tags: [String] = try reader.readArray()
        let sources: [Source] = id.kind == .product ? [] : try reader.readArray()
        var page = Page(id: id, file: file, title: title, summary: summary, tags: tags, sources: sources,
                        updated: try reader.readOptional(), draft: try reader.bool(), details: try reader.read(), body: "",
                        bodyFirstLine: try reader.int())
        let language = try reader.string()
        page.textLanguage = language.isEmpty ? nil : language
        page.translationUpdated = try reader.readOptional()
        return (page, try reader.rawBytes())
    }

    /// The page with what `light` left out, from the bytes it returned.
    package func completed(with lists: CacheBytes) throws -> Page {
        guard kind == .product else { return self }
        var reader = CacheReader(lists)
        var page = self
        page.sources = try reader.readArray()
        if case .product(var p) = details {
            try p.readLists(from: &reader)
            page.details = .product(p)
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }
        return page
    }
}
