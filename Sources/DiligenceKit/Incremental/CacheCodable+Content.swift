/// The binary cache form of the content model and of what the cache keeps
/// beside it. Fields in declaration order; the format number in
/// `BuildSnapshot.format` changes whenever this file does.
extension String: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.string(self) }
    init(from reader: inout CacheReader) throws { self = try reader.string() }
}

extension SourceLocation: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(file); writer.int(line); writer.int(column)
    }
    init(from reader: inout CacheReader) throws {
        self.init(file: try reader.string(), line: try reader.int(), column: try reader.int())
    }
}

extension Located: CacheCodable where Value == String {
    func write(to writer: inout CacheWriter) {
        writer.string(value); writer.write(location)
    }
    init(from reader: inout CacheReader) throws {
        self.init(try reader.string(), at: try reader.read())
    }
}

extension PartialDate: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.int(year); writer.int(month ?? 0); writer.int(day ?? 0)
    }
    init(from reader: inout CacheReader) throws {
        let year = try reader.int(), month = try reader.int(), day = try reader.int()
        self.init(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day)
    }
}

extension PageKind: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.string(rawValue) }
    init(from reader: inout CacheReader) throws {
        guard let kind = PageKind(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self = kind
    }
}

extension PageID: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.write(kind); writer.string(slug) }
    init(from reader: inout CacheReader) throws { self.init(try reader.read(), try reader.string()) }
}

extension Source: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(title); writer.write(publisher); writer.write(date); writer.write(url); writer.write(reference)
        writer.write(location)
    }
    init(from reader: inout CacheReader) throws {
        self.init(title: try reader.string(), publisher: try reader.readOptional(), date: try reader.readOptional(),
                  url: try reader.readOptional(), reference: try reader.readOptional(), location: try reader.read())
    }
}

extension GuidanceStep: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.int(order); writer.write(related) }
    init(from reader: inout CacheReader) throws {
        self.init(order: try reader.int(), related: try reader.readArray())
    }
}

extension ControlEntry: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.string(regime); writer.write(entry); writer.write(note) }
    init(from reader: inout CacheReader) throws {
        self.init(regime: try reader.string(), entry: try reader.readOptional(), note: try reader.readOptional())
    }
}

extension ProductRisk: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(category); writer.string(risk); writer.write(riskLocation); writer.write(riskBasis)
        writer.write(capabilities); writer.write(misuse); writer.write(redFlags); writer.write(safeguards)
        writer.write(controls); writer.write(countries); writer.write(guidance)
    }
    init(from reader: inout CacheReader) throws {
        self.init(category: try reader.string(), risk: try reader.string(), riskLocation: try reader.readOptional(),
                  riskBasis: try reader.readOptional(),
                  capabilities: try reader.readArray(), misuse: try reader.readArray(), redFlags: try reader.readArray(),
                  safeguards: try reader.readArray(), controls: try reader.readArray(), countries: try reader.readArray(),
                  guidance: try reader.readArray())
    }
}

extension FactorStatus: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.string(rawValue) }
    init(from reader: inout CacheReader) throws {
        guard let status = FactorStatus(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self = status
    }
}

extension Evidence: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .url(let url): writer.int(0); writer.string(url)
        case .sourceIndex(let n): writer.int(1); writer.int(n)
        }
    }
    init(from reader: inout CacheReader) throws {
        switch try reader.int() {
        case 0: self = .url(try reader.string())
        case 1: self = .sourceIndex(try reader.int())
        default: throw CacheReader.Corrupt()
        }
    }
}

extension FactorAssessment: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(factor); writer.write(status); writer.write(note); writer.write(source); writer.write(location)
    }
    init(from reader: inout CacheReader) throws {
        self.init(factor: try reader.string(), status: try reader.read(), note: try reader.readOptional(),
                  source: try reader.readOptional(), location: try reader.read())
    }
}

extension Measure: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(authority); writer.write(measure); writer.write(date); writer.write(url); writer.write(source)
        writer.int(restrictsExports ? 1 : 0)
    }
    init(from reader: inout CacheReader) throws {
        self.init(authority: try reader.string(), measure: try reader.read(), date: try reader.readOptional(), url: try reader.readOptional(),
                  source: try reader.readOptional(), restrictsExports: try reader.int() == 1)
    }
}

extension Concern: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(products); writer.write(categories); writer.write(basis); writer.write(source); writer.write(location)
    }
    init(from reader: inout CacheReader) throws {
        self.init(products: try reader.readArray(), categories: try reader.readArray(), basis: try reader.read(),
                  source: try reader.read(), location: try reader.read())
    }
}

extension CountryProfile: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(country); writer.string(region); writer.string(risk); writer.write(riskBasis); writer.write(factors)
        writer.write(regimes); writer.write(measures); writer.write(products); writer.write(concerns)
        writer.write(reviewed); writer.write(reviewedBy)
    }
    init(from reader: inout CacheReader) throws {
        self.init(country: try reader.string(), region: try reader.string(), risk: try reader.string(),
                  riskBasis: try reader.readOptional(), factors: try reader.readArray(), regimes: try reader.readArray(),
                  measures: try reader.readArray(), products: try reader.readArray(), concerns: try reader.readArray(),
                  reviewed: try reader.read(), reviewedBy: try reader.readOptional())
    }
}

extension PageDetails: CacheCodable {
    func write(to writer: inout CacheWriter) {
        switch self {
        case .guidance(let g): writer.int(0); writer.write(g)
        case .product(let p): writer.int(1); writer.write(p)
        case .country(let c): writer.int(2); writer.write(c)
        case .page: writer.int(3)
        }
    }
    init(from reader: inout CacheReader) throws {
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
    /// when its HTML must be rendered.
    func write(to writer: inout CacheWriter) {
        writer.write(id); writer.string(file); writer.string(title); writer.string(summary); writer.write(tags)
        writer.write(sources); writer.write(updated); writer.bool(draft); writer.write(details); writer.int(bodyFirstLine)
    }
    init(from reader: inout CacheReader) throws {
        self.init(id: try reader.read(), file: try reader.string(), title: try reader.string(), summary: try reader.string(),
                  tags: try reader.readArray(), sources: try reader.readArray(), updated: try reader.readOptional(),
                  draft: try reader.bool(), details: try reader.read(), body: "", bodyFirstLine: try reader.int())
    }
}

extension Severity: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.string(rawValue) }
    init(from reader: inout CacheReader) throws {
        guard let severity = Severity(rawValue: try reader.string()) else { throw CacheReader.Corrupt() }
        self = severity
    }
}

extension Diagnostic: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.write(severity); writer.write(location); writer.string(message); writer.write(hint)
    }
    init(from reader: inout CacheReader) throws {
        let severity: Severity = try reader.read()
        self.init(severity, at: try reader.read(), try reader.string(), hint: try reader.readOptional())
    }
}

extension FileStamp: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.int(Int(size)); writer.int(Int(modified)); writer.int(Int(modifiedNanoseconds)); writer.uint64(inode)
    }
    init(from reader: inout CacheReader) throws {
        self.init(size: Int64(try reader.int()), modified: Int64(try reader.int()),
                  modifiedNanoseconds: Int64(try reader.int()), inode: try reader.uint64())
    }
}

extension SiteGraphBuilder.Resolved: CacheCodable {
    func write(to writer: inout CacheWriter) { writer.write(targets); writer.write(related) }
    init(from reader: inout CacheReader) throws {
        self.init(targets: try reader.readArray(), related: try reader.readArray())
    }
}

extension PageFingerprints: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.uint64(frontMatter); writer.uint64(facts); writer.write(reads); writer.uint64(readsValue)
    }
    init(from reader: inout CacheReader) throws {
        self.init(frontMatter: try reader.uint64(), facts: try reader.uint64(), reads: try reader.readArray(),
                  readsValue: try reader.uint64())
    }
}

extension Dependency: CacheCodable {
    func write(to writer: inout CacheWriter) {
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
        }
    }
    init(from reader: inout CacheReader) throws {
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
        default: throw CacheReader.Corrupt()
        }
    }
}

extension CachedPage: CacheCodable {
    func write(to writer: inout CacheWriter) {
        writer.string(path); writer.write(stamp); writer.uint64(sourceHash); writer.write(page); writer.write(linkableIDs)
        writer.write(resolved); writer.write(diagnostics); writer.write(fingerprints)
    }
    init(from reader: inout CacheReader) throws {
        self.init(path: try reader.string(), stamp: try reader.read(), sourceHash: try reader.uint64(), page: try reader.read(),
                  linkableIDs: try reader.readArray(), resolved: try reader.read(), diagnostics: try reader.readArray(),
                  fingerprints: try reader.read())
    }
}
