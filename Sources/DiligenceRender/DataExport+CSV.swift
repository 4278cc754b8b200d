import DiligenceContent
import DiligenceSupport

/// The CSV files of `data/` (docs/data-export.md): one flat table each, for
/// spreadsheets, with the JSON's values. A list in one field (red flags,
/// safeguards) has one item per line; country codes are joined by "; ";
/// booleans are "yes" or "no" (a spreadsheet turns neither into anything
/// else).
extension DataExport {
    /// One row per country, a column per factor of `site.yml` (its label)
    /// holding the status as the page shows it, empty when not assessed.
    package func countriesTable(factors: Vocabulary) -> CSVTable {
        var table = CSVTable(header: ["id", "code", "name", "url", "region_id", "region", "risk_id", "risk", "risk_basis",
                                      "reviewed", "reviewed_by", "regimes"] + factors.terms.map(\.label))
        for c in countries {
            var status: [String: String] = [:]
            for f in c.factors { status[f.id] = f.status.label }
            table.append([c.id, c.code, c.title, c.url, c.region.id, c.region.label, c.risk.id, c.risk.label, c.risk.basis ?? "",
                          c.reviewed, c.reviewedBy ?? "", c.regimes.map(\.label).joined(separator: "; ")]
                         + factors.terms.map { status[$0.id] ?? "" })
        }
        return table
    }

    /// One row per country × assessed factor.
    package var factorsTable: CSVTable {
        var table = CSVTable(header: ["country_id", "country", "factor_id", "factor", "status_id", "status", "note",
                                      "source_title", "source_url", "source_date"])
        for c in countries {
            for f in c.factors {
                table.append([c.id, c.title, f.id, f.label, f.status.id, f.status.label, f.note ?? "",
                              f.source?.title ?? "", f.source?.url ?? "", f.source?.date ?? ""])
            }
        }
        return table
    }

    /// One row per country × measure.
    package var measuresTable: CSVTable {
        var table = CSVTable(header: ["country_id", "country", "authority", "measure", "date", "restricts_exports",
                                      "source_title", "source_url", "source_date"])
        for c in countries {
            for m in c.measures {
                table.append([c.id, c.title, m.authority, m.text, m.date ?? "", m.restrictsExports ? "yes" : "no",
                              m.source?.title ?? "", m.source?.url ?? "", m.source?.date ?? ""])
            }
        }
        return table
    }

    /// One row per product.
    package var productsTable: CSVTable {
        var table = CSVTable(header: ["id", "name", "url", "category_id", "category", "risk_id", "risk", "risk_basis",
                                      "red_flags", "safeguards", "controls", "countries_of_concern"])
        var built = products.makeIterator()
        for id in productOrder {
            if let range = kept.productRows[id] {
                table.append(kept: range)
                continue
            }
            guard let p = built.next() else { break }
            let controls = p.controls.map { c in
                [c.regime.label, c.entry, c.note].compactMap { $0 }.joined(separator: ": ")
            }
            table.append([p.id, p.title, p.url, p.category.id, p.category.label, p.risk.id, p.risk.label, p.risk.basis ?? "",
                          p.redFlags.joined(separator: "\n"), p.safeguards.joined(separator: "\n"),
                          controls.joined(separator: "\n"), p.countries.map { $0.uppercased() }.joined(separator: "; ")])
        }
        return table
    }

    /// One row per concern in a cell of the matrix, and one row (concern
    /// "no") per empty cell: every country × category pair is there, and a
    /// spreadsheet's filter on any column (country, category, concern)
    /// gives whole answers.
    package var matrixTable: CSVTable {
        var table = CSVTable(header: ["country_id", "country", "region", "country_risk", "category_id", "category",
                                      "concern", "product_ids", "products", "basis", "source_title", "source_url"])
        for cell in matrix {
            let lead = [cell.country, cell.countryTitle, cell.region.label, cell.risk.label, cell.category.id, cell.category.label]
            if cell.concerns.isEmpty { table.append(lead + ["no", "", "", "", "", ""]) }
            for concern in cell.concerns {
                table.append(lead + ["yes", concern.products.joined(separator: "; "),
                                     concern.products.map { productTitles[$0] ?? $0 }.joined(separator: "; "),
                                     concern.basis, concern.source.title, concern.source.url ?? ""])
            }
        }
        return table
    }
}
