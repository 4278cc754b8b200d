import Mustache

/// The risk matrix: countries (rows, grouped by region) × product categories
/// (columns). A cell lists the products of that category the knowledge base
/// documents a concern about in that country.
public struct MatrixView: Sendable {
    public struct Cell: Sendable {
        public var products: [LinkView]
        public var concern: Bool
        /// The column's label, repeated for screen readers and narrow screens.
        public var category: String
    }

    public struct Row: Sendable {
        public var country: LinkView
        public var cells: [Cell]
    }

    public struct RegionGroup: Sendable {
        public var region: LinkView
        public var rows: [Row]
        /// Number of columns + 1, for the region heading row's `colspan`.
        public var span: Int
    }

    public var columns: [LinkView]
    public var regions: [RegionGroup]
    public var concerns: Int
}

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension MatrixView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "columns": return columns
        case "regions": return regions
        case "concerns": return concerns
        default: return nil
        }
    }
}

extension MatrixView.Cell: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "products": return products
        case "concern": return concern
        case "category": return category
        default: return nil
        }
    }
}

extension MatrixView.Row: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "country": return country
        case "cells": return cells
        default: return nil
        }
    }
}

extension MatrixView.RegionGroup: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "region": return region
        case "rows": return rows
        case "span": return span
        default: return nil
        }
    }
}
