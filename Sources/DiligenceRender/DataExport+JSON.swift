import DiligenceContent
import DiligenceSupport
import DiligenceTemplate

/// `data/diligence.json`: the export as one JSON object, described by
/// `DataExportSchema` (schemas/data-export.schema.json). Keys come in the
/// schema's order and absent optional fields are left out, so the bytes
/// depend on the content alone. Written with `JSONBytes`, whose escaping of
/// `<` `>` `&` is still plain JSON.
extension DataExport {
    ///
    /// With objects kept from an earlier file, the result is a splice of
    /// it (`ByteSplice`); the rows give each country's and product's
    /// object's place in the file written, for the next build to keep them.
    ///
    /// Written in full, the buffer is sized up front: about 2 KB for each
    /// object. Grown by doubling from a small buffer, a 14 MB file asked for
    /// about twice its size in fresh pages (a page fault for each 4 KB) and
    /// was copied once over; capacity never used is never touched, so a
    /// guess too high costs nothing.
    package func json() -> (contents: OutputFile.Contents, rows: [TemplateRow]) {
        let built = countries.count + products.count
        var builder = kept.builder(capacity: 0)
        var rows: [TemplateRow] = []
        rows.reserveCapacity(countryOrder.count + productOrder.count)
        var json = JSONBytes(capacity: 64 * 1024 + built * 2048)
        json.object { o in
            o.field("schema") { $0.string(DataExportSchema.name) }
            o.field("version") { $0.decimal(DataExportSchema.version) }
            o.field("title") { $0.string(title) }
            o.field("edition") { j in
                j.object { o in
                    o.field("label") { $0.string(edition.label) }
                    if let commit = edition.commit { o.field("commit") { $0.string(commit.hash) } }
                    o.field("date") { $0.string(edition.date.description) }
                    o.field("uncommitted") { $0.raw(edition.uncommitted ? "true" : "false") }
                }
            }
            // Products before countries, for the reason the screening data
            // has (`ScreeningData.prefix`): a country's edit then rewrites
            // the file from the countries on, not from its start.
            o.field("products") { Self.pieces(&$0, productOrder, built: products, kept: kept.objects, into: &builder, rows: &rows, write: Self.write) }
            o.field("countries") { Self.pieces(&$0, countryOrder, built: countries, kept: kept.objects, into: &builder, rows: &rows, write: Self.write) }
            o.field("guidance") { $0.array(guidance, Self.write) }
            // The matrix is read from the pages only when it may have
            // changed (`KeptPieces.matrix`): 2,000 cells at 10,000 pages,
            // this file's job 9–10 → 6 ms of CPU after a title edit or a
            // new page. Its row is recorded either way, for the next build
            // to keep it.
            o.field("matrix") { j in
                if let range = kept.matrix {
                    builder.take(&j.bytes)
                    let start = builder.offset
                    builder.keep(range)
                    rows.append(TemplateRow(key: KeptPieces.matrixKey, start: start, end: builder.offset))
                } else {
                    let start = builder.offset + j.bytes.count
                    j.array(matrix, Self.write)
                    rows.append(TemplateRow(key: KeptPieces.matrixKey, start: start, end: builder.offset + j.bytes.count))
                }
            }
        }
        json.bytes.append(UInt8(ascii: "\n"))
        builder.take(&json.bytes)
        return (builder.contents(), rows)
    }

    /// `[…]` of the pages in `order`: a kept object as a run of the earlier
    /// file, the others written from `built` (the same order, kept ones left
    /// out). Each object's place goes into `rows`.
    private static func pieces<T>(_ json: inout JSONBytes, _ order: [PageID], built: [T], kept: [PageID: Range<Int>],
                                  into builder: inout ByteSplice.Builder, rows: inout [TemplateRow],
                                  write: (inout JSONBytes, T) -> Void) {
        json.bytes.append(UInt8(ascii: "["))
        var next = 0
        for (i, id) in order.enumerated() {
            if i > 0 { json.bytes.append(UInt8(ascii: ",")) }
            if let range = kept[id] {
                builder.take(&json.bytes)
                let start = builder.offset
                builder.keep(range)
                rows.append(TemplateRow(key: KeptPieces.key(id), start: start, end: builder.offset))
            } else if next < built.count {
                let start = builder.offset + json.bytes.count
                write(&json, built[next])
                next += 1
                rows.append(TemplateRow(key: KeptPieces.key(id), start: start, end: builder.offset + json.bytes.count))
            }
        }
        json.bytes.append(UInt8(ascii: "]"))
    }

    private static func write(_ term: Term, to json: inout JSONBytes) {
        json.object { o in
            o.field("id") { $0.string(term.id) }
            o.field("label") { $0.string(term.label) }
        }
    }

    private static func write(_ risk: Risk, to json: inout JSONBytes) {
        json.object { o in
            o.field("id") { $0.string(risk.id) }
            o.field("label") { $0.string(risk.label) }
            if let basis = risk.basis { o.field("basis") { $0.string(basis) } }
        }
    }

    private static func write(_ json: inout JSONBytes, _ c: Citation) {
        json.object { o in
            o.field("title") { $0.string(c.title) }
            if let publisher = c.publisher { o.field("publisher") { $0.string(publisher) } }
            if let date = c.date { o.field("date") { $0.string(date) } }
            if let url = c.url { o.field("url") { $0.string(url) } }
            if let reference = c.reference { o.field("reference") { $0.string(reference) } }
            if let entry = c.entry { o.field("entry") { $0.decimal(entry) } }
        }
    }

    private static func write(_ json: inout JSONBytes, _ c: Country) {
        json.object { o in
            o.field("id") { $0.string(c.id) }
            o.field("code") { $0.string(c.code) }
            o.field("title") { $0.string(c.title) }
            o.field("url") { $0.string(c.url) }
            o.field("summary") { $0.string(c.summary) }
            o.field("region") { write(c.region, to: &$0) }
            o.field("risk") { write(c.risk, to: &$0) }
            o.field("reviewed") { $0.string(c.reviewed) }
            if let by = c.reviewedBy { o.field("reviewedBy") { $0.string(by) } }
            o.field("factors") { $0.array(c.factors) { j, f in
                j.object { o in
                    o.field("id") { $0.string(f.id) }
                    o.field("label") { $0.string(f.label) }
                    o.field("status") { write(f.status, to: &$0) }
                    if let note = f.note { o.field("note") { $0.string(note) } }
                    if let source = f.source { o.field("source") { write(&$0, source) } }
                }
            } }
            o.field("measures") { $0.array(c.measures) { j, m in
                j.object { o in
                    o.field("authority") { $0.string(m.authority) }
                    o.field("text") { $0.string(m.text) }
                    if let date = m.date { o.field("date") { $0.string(date) } }
                    o.field("restrictsExports") { $0.raw(m.restrictsExports ? "true" : "false") }
                    if let source = m.source { o.field("source") { write(&$0, source) } }
                }
            } }
            o.field("concerns") { $0.array(c.concerns) { j, concern in
                j.object { o in
                    o.field("products") { $0.strings(concern.products) }
                    o.field("categories") { $0.strings(concern.categories) }
                    o.field("basis") { $0.string(concern.basis) }
                    o.field("source") { write(&$0, concern.source) }
                }
            } }
            o.field("regimes") { $0.array(c.regimes) { write($1, to: &$0) } }
            o.field("sources") { $0.array(c.sources, write) }
        }
    }

    private static func write(_ json: inout JSONBytes, _ p: Product) {
        json.object { o in
            o.field("id") { $0.string(p.id) }
            o.field("title") { $0.string(p.title) }
            o.field("url") { $0.string(p.url) }
            o.field("summary") { $0.string(p.summary) }
            o.field("category") { write(p.category, to: &$0) }
            o.field("risk") { write(p.risk, to: &$0) }
            o.field("capabilities") { $0.strings(p.capabilities) }
            o.field("misuse") { $0.strings(p.misuse) }
            o.field("redFlags") { $0.strings(p.redFlags) }
            o.field("safeguards") { $0.strings(p.safeguards) }
            o.field("controls") { $0.array(p.controls) { j, c in
                j.object { o in
                    o.field("regime") { write(c.regime, to: &$0) }
                    if let entry = c.entry { o.field("entry") { $0.string(entry) } }
                    if let note = c.note { o.field("note") { $0.string(note) } }
                }
            } }
            o.field("countries") { $0.strings(p.countries) }
            o.field("sources") { $0.array(p.sources, write) }
        }
    }

    private static func write(_ json: inout JSONBytes, _ s: Step) {
        json.object { o in
            o.field("id") { $0.string(s.id) }
            o.field("order") { $0.decimal(s.order) }
            o.field("title") { $0.string(s.title) }
            o.field("url") { $0.string(s.url) }
            o.field("summary") { $0.string(s.summary) }
        }
    }

    private static func write(_ json: inout JSONBytes, _ cell: Cell) {
        json.object { o in
            o.field("country") { $0.string(cell.country) }
            o.field("category") { $0.string(cell.category.id) }
            o.field("concerns") { $0.array(cell.concerns) { j, concern in
                j.object { o in
                    o.field("products") { $0.strings(concern.products) }
                    o.field("basis") { $0.string(concern.basis) }
                    o.field("source") { write(&$0, concern.source) }
                }
            } }
        }
    }
}
