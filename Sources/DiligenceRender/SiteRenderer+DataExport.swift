import DiligenceContent
import DiligenceSupport
import DiligenceTemplate

/// The data export's files (docs/data-export.md). Each is a listing job of
/// its own, reading only the kinds it shows, so the next incremental build
/// renders a file again when, and only when, something it holds changed.
extension SiteRenderer {
    package func dataExportJobs() -> [ListingJob] {
        func csv(_ path: String, _ parts: DataExport.Parts, _ table: @escaping @Sendable (DataExport, SiteConfig) -> CSVTable) -> ListingJob {
            .init(path: path) { renderer in
                let export = DataExport(renderer: renderer, parts: parts)
                return OutputFile(path: path, contents: .bytes(table(export, renderer.site).bytes()))
            }
        }
        return [
            .init(path: Paths.dataJSON) { $0.renderDataJSON(keeping: KeptPieces()) },
            .init(path: Paths.dataSchema) { _ in OutputFile(path: Paths.dataSchema, text: DataExportSchema.schema().rendered()) },
            csv(Paths.countriesCSV, .countries) { export, site in export.countriesTable(factors: site.factors) },
            csv(Paths.factorsCSV, .countries) { export, _ in export.factorsTable },
            csv(Paths.measuresCSV, .countries) { export, _ in export.measuresTable },
            .init(path: Paths.productsCSV) { $0.renderProductsCSV(keeping: KeptPieces()) },
            csv(Paths.matrixCSV, .matrix) { export, _ in export.matrixTable },
        ]
    }

    /// `data/diligence.json`, with the objects of `kept` (an earlier file's,
    /// for pages whose facts did not change) copied as they are.
    package func renderDataJSON(keeping kept: KeptPieces) -> OutputFile {
        let (contents, rows) = DataExport(renderer: self, parts: .all, keeping: kept).json()
        self.rows?.record(Paths.dataJSON, rows, copied: kept.objects.count)
        return OutputFile(path: Paths.dataJSON, contents: contents)
    }

    /// `data/products.csv`, with the rows of `kept` copied as they are.
    package func renderProductsCSV(keeping kept: KeptPieces) -> OutputFile {
        let export = DataExport(renderer: self, parts: .products, keeping: kept)
        let (contents, bounds) = export.productsTable.contents(source: kept.source)
        // One row per product, in the table's order.
        self.rows?.record(Paths.productsCSV, zip(export.productOrder, zip(bounds, bounds.dropFirst())).map {
            TemplateRow(key: KeptPieces.key($0.0), start: $0.1.0, end: $0.1.1)
        }, copied: kept.productRows.count)
        return OutputFile(path: Paths.productsCSV, contents: contents)
    }
}
