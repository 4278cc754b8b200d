import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The risk matrix: countries (rows, grouped by region) × product categories
/// (columns). A cell shows the concerns a country profile records in that
/// category: the products they name, their basis and their source.
package struct MatrixView: Sendable {
    package struct Cell: Sendable {
        package var products: PageLinks
        /// The concerns shown in the cell, each with its basis and source.
        package var concerns: [ConcernView]
        package var concern: Bool
        /// The column's label, repeated for screen readers and narrow screens.
        package var category: String
    }

    package struct Row: Sendable {
        package var country: LinkView
        /// The country's risk basis as plain text.
        package var riskBasis: String?
        package var cells: [Cell]
    }

    package struct RegionGroup: Sendable {
        package var region: LinkView
        package var rows: [Row]
        /// Number of columns + 1, for the region heading row's `colspan`.
        package var span: Int
    }

    package var columns: [LinkView]
    package var regions: [RegionGroup]
    package var concerns: Int
    /// "12 cells with a documented concern."
    package var countText: String
}

// Field lookup for templates: one case per stored property.
extension MatrixView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "columns": return columns.templateValue
        case "regions": return regions.templateValue
        case "concerns": return concerns.templateValue
        case "countText": return countText.templateValue
        default: return .missing
        }
    }
}

extension MatrixView.Cell: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "products": return .list(products)
        case "concerns": return concerns.templateValue
        case "concern": return concern.templateValue
        case "category": return category.templateValue
        default: return .missing
        }
    }
}

extension MatrixView.Row: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "country": return country.templateValue
        case "riskBasis": return riskBasis.templateValue
        case "cells": return cells.templateValue
        default: return .missing
        }
    }

    /// The country's link and every cell (its flag, label and links), so a
    /// country's row is copied whole from the matrix as written when none of
    /// it changed (`TemplateRow`).
    package var reuseKey: UInt64? {
        guard let countryKey = country.reuseKey else { return nil }
        var hasher = StableHasher()
        hasher.combine(countryKey)
        hasher.combine(riskBasis)
        for cell in cells {
            hasher.combine(cell.concern ? 1 : 0)
            for concern in cell.concerns {
                hasher.combine(concern.basisHTML)
                hasher.combine(concern.source.label)
                hasher.combine(concern.source.url)
            }
            hasher.combine(cell.category)
            hasher.combine(cell.products.count)
            for i in 0..<cell.products.count {
                guard let key = cell.products.reuseKey(at: i) else { return nil }
                hasher.combine(key)
            }
        }
        return hasher.value
    }
}

extension MatrixView.RegionGroup: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "region": return region.templateValue
        case "rows": return rows.templateValue
        case "span": return span.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension MatrixView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("MatrixView") {
        [
            ("columns", .list(.object(LinkView.templateSchema))),
            ("regions", .list(.object(MatrixView.RegionGroup.templateSchema))),
            ("concerns", .value),
            ("countText", .value),
        ]
    }
}

extension MatrixView.Cell: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("MatrixView.Cell") {
        [
            ("products", .list(.object(LinkView.templateSchema))),
            ("concerns", .list(.object(ConcernView.templateSchema))),
            ("concern", .value),
            ("category", .value),
        ]
    }
}

extension MatrixView.Row: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("MatrixView.Row") {
        [
            ("country", .object(LinkView.templateSchema)),
            ("riskBasis", .value),
            ("cells", .list(.object(MatrixView.Cell.templateSchema))),
        ]
    }
}

extension MatrixView.RegionGroup: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("MatrixView.RegionGroup") {
        [
            ("region", .object(LinkView.templateSchema)),
            ("rows", .list(.object(MatrixView.Row.templateSchema))),
            ("span", .value),
        ]
    }
}
