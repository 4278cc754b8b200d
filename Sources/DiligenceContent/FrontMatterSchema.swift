import DiligenceDiagnostics
import DiligenceSupport

/// The content model's fields (`docs/content-model.md`), as data.
package enum FrontMatterSchema {
    package static let source: [FieldSpec] = [
        FieldSpec("title", .string, required: true, "Title of the document or page cited."),
        FieldSpec("publisher", .string, "Who published it (a government body, an organisation)."),
        FieldSpec("date", .date, "When it was published, as precisely as the source says."),
        FieldSpec("url", .url, "Where a reader can check it."),
        FieldSpec("reference", .string, "An offline reference when there is no URL: an official document number (e.g. FR Doc 2021-24123)."),
    ]

    package static let control: [FieldSpec] = [
        FieldSpec("regime", .vocabulary("regimes"), required: true, "The export-control regime."),
        FieldSpec("entry", .string, "The list entry, e.g. 5.A.1.f."),
        FieldSpec("note", .markdown, "What the entry covers for this product."),
    ]

    package static let measure: [FieldSpec] = [
        FieldSpec("authority", .string, required: true, "Who imposed it (e.g. US Department of Commerce)."),
        FieldSpec("measure", .markdown, required: true, "What it is: sanction, entity listing, embargo, advisory."),
        FieldSpec("date", .date, "When it took effect (not when it was announced)."),
        FieldSpec("url", .url, "The primary source; give this or `source`."),
        FieldSpec("source", .urlOrSourceIndex, "The primary source as a URL or the number of an entry in `sources`, when not given as `url`."),
        FieldSpec("restricts_exports", .boolean, "True when it bans, or requires a licence for, exports of surveillance-capable items to this country or its government end-users (makes the country `critical`)."),
    ]

    package static let concern: [FieldSpec] = [
        FieldSpec("products", .list(.reference("product slug")), "Product types the source names."),
        FieldSpec("categories", .list(.vocabulary("categories")), "Product categories the source concerns; give this, `products`, or both."),
        FieldSpec("basis", .markdown, required: true, "What the measure or finding says and who said it, in your own words."),
        FieldSpec("source", .urlOrSourceIndex, required: true, "The evidence: a URL or the number of an entry in `sources`."),
    ]

    package static let riskBasis = FieldSpec("risk_basis", .markdown,
        "Which rule of the methodology gives `risk`, on which cited sources; required unless `risk` is `unknown`.")

    package static let factor: [FieldSpec] = [
        FieldSpec("status", .oneOf(FactorStatus.allCases.map(\.rawValue)), required: true,
                  "Whether the factor is documented; `unknown` until an editor has a source."),
        FieldSpec("note", .markdown, "What the source says, in your own words."),
        FieldSpec("source", .urlOrSourceIndex, "The evidence: a URL or the number of an entry in `sources`."),
    ]

    package static let common: [FieldSpec] = [
        FieldSpec("title", .string, required: true, "Plain-text title."),
        FieldSpec("summary", .string, required: true, "One or two sentences (≤ 300 characters) shown in lists, search results and the meta description."),
        FieldSpec("tags", .list(.string), "Free keywords."),
        FieldSpec("sources", .list(.object(source)), "Sources cited by the page."),
        FieldSpec("updated", .date, "Date of the last substantive change."),
        FieldSpec("draft", .boolean, "Left out of the build unless --drafts."),
    ]

    /// `fields` with `sources` required.
    private static func requiringSources(_ fields: [FieldSpec], _ doc: String) -> [FieldSpec] {
        fields.map { spec in
            var spec = spec
            if spec.name == "sources" {
                spec.required = true
                spec.doc = doc
            }
            return spec
        }
    }

    package static func fields(for kind: PageKind) -> [FieldSpec] {
        switch kind {
        case .guidance:
            return common + [
                FieldSpec("order", .integer(minimum: 1), required: true, "Position in the due-diligence process; unique."),
                FieldSpec("related", .list(.reference("products/<slug>, countries/<code>, guidance/<slug> or pages/<slug>")), "Related pages."),
            ]
        case .product:
            return requiringSources(common, "Sources for what the page says the product does; at least one.") + [
                FieldSpec("category", .vocabulary("categories"), required: true, "Product category."),
                FieldSpec("risk", .vocabulary("risk_levels"), required: true, "Inherent risk of misuse, by the methodology's product rule; `unknown` until assessed."),
                riskBasis,
                FieldSpec("capabilities", .list(.markdown), "What it can do that enables surveillance."),
                FieldSpec("misuse", .list(.markdown), "Documented or foreseeable misuse scenarios."),
                FieldSpec("red_flags", .list(.markdown), "Signs in a transaction that call for escalation."),
                FieldSpec("safeguards", .list(.markdown), "Design, contract and after-sale mitigations."),
                FieldSpec("controls", .list(.object(control)), "Export-control references."),
                FieldSpec("countries", .list(.countryCode), "Countries whose profile documents concern about this product."),
                FieldSpec("guidance", .list(.reference("guidance slug")), "The guidance steps most relevant to this product."),
            ]
        case .country:
            return [
                FieldSpec("country", .countryCode, required: true, "ISO 3166-1 alpha-2 code in upper case; must match the file name."),
                FieldSpec("name", .string, required: true, "Common English name (serves as the title)."),
            ] + requiringSources(common.filter { $0.name != "title" }, "Sources cited by the profile; at least one.") + [
                FieldSpec("region", .vocabulary("regions"), required: true, "Region."),
                FieldSpec("risk", .vocabulary("risk_levels"), required: true, "Overall risk for surveillance-capable transactions with government end-users, by the methodology's country rule; `unknown` until assessed."),
                riskBasis,
                FieldSpec("factors", .map(keys: "factors", value: .object(factor)), "Risk factors with status, note and source."),
                FieldSpec("regimes", .list(.vocabulary("regimes")), "Export-control and policy regimes the country takes part in."),
                FieldSpec("measures", .list(.object(measure)), "Sanctions, entity listings, embargoes, advisories."),
                FieldSpec("products", .list(.reference("product slug")), "Product types of particular concern here."),
                FieldSpec("concerns", .list(.object(concern)), "Documented concerns (a measure or official finding tying the country to products or categories), with basis and source: they fill the risk matrix."),
                FieldSpec("reviewed", .date, required: true, "When an editor last checked the whole profile."),
                FieldSpec("reviewed_by", .string, "Team or role (not a person's private data)."),
            ]
        case .page:
            return common
        }
    }
}
