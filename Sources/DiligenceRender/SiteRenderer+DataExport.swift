import DiligenceContent
import DiligenceSupport

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
            .init(path: Paths.dataJSON) { $0.renderDataJSON(keeping: [:]) },
            .init(path: Paths.dataSchema) { _ in OutputFile(path: Paths.dataSchema, text: DataExportSchema.schema().rendered()) },
            csv(Paths.countriesCSV, .countries) { export, site in export.countriesTable(factors: site.factors) },
            csv(Paths.factorsCSV, .countries) { export, _ in export.factorsTable },
            csv(Paths.measuresCSV, .countries) { export, _ in export.measuresTable },
            .init(path: Paths.productsCSV) { $0.renderProductsCSV(keeping: [:]) },
            csv(Paths.matrixCSV, .matrix) { export, _ in export.matrixTable },
        ]
    }

    /// `data/diligence.json`, with the objects of `kept` (an earlier file's,
    /// for pages whose facts did not change) copied as they are.
    package func renderDataJSON(keeping kept: [PageID: ArraySlice<UInt8>]) -> OutputFile {
        var pieces = DataExport.Kept()
        pieces.objects = kept
        return OutputFile(path: Paths.dataJSON, contents: .bytes(DataExport(renderer: self, parts: .all, keeping: pieces).json()))
    }

    /// `data/products.csv`, with the rows of `kept` copied as they are.
    package func renderProductsCSV(keeping kept: [PageID: ArraySlice<UInt8>]) -> OutputFile {
        var pieces = DataExport.Kept()
        pieces.productRows = kept
        return OutputFile(path: Paths.productsCSV, contents: .bytes(DataExport(renderer: self, parts: .products, keeping: pieces).productsTable.bytes()))
    }
}
