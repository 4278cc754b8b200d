import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The fields of a country profile, ready for `country.mustache`.
package struct CountryView: Sendable {
    package struct FactorView: Sendable {
        package var label: String
        package var status: String
        package var statusLabel: String
        package var unknown: Bool
        package var noteHTML: String?
        package var sourceURL: String?
        package var sourceLabel: String?
    }

    package struct MeasureView: Sendable {
        package var authority: String
        package var measureHTML: String
        package var date: String?
        package var source: CitationView?
        /// It restricts exports to this country (what makes it `critical`).
        package var restrictsExports: Bool
    }

    package var code: String
    package var region: LinkView
    package var risk: RiskView
    /// Which rule gives the rating, on which facts (inline HTML).
    package var riskBasisHTML: String?
    package var factors: [FactorView]
    package var hasUnknownFactors: Bool
    package var regimes: [LinkView]
    package var measures: [MeasureView]
    package var products: [LinkView]
    package var concerns: [ConcernView]
    package var reviewed: String
    package var reviewedISO: String
    package var reviewedBy: String?
    package var overdue: Bool
    package var reviewIntervalMonths: Int
    /// "This profile was last reviewed on …, more than 12 months ago. …", for an overdue profile.
    package var overdueText: String
    /// The screening page with this country chosen.
    package var screeningURL: String
}

// Field lookup for templates: one case per stored property.
extension CountryView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "code": return code.templateValue
        case "region": return region.templateValue
        case "risk": return risk.templateValue
        case "riskBasisHTML": return riskBasisHTML.templateValue
        case "factors": return factors.templateValue
        case "hasUnknownFactors": return hasUnknownFactors.templateValue
        case "regimes": return regimes.templateValue
        case "measures": return measures.templateValue
        case "products": return products.templateValue
        case "concerns": return concerns.templateValue
        case "reviewed": return reviewed.templateValue
        case "reviewedISO": return reviewedISO.templateValue
        case "reviewedBy": return reviewedBy.templateValue
        case "overdue": return overdue.templateValue
        case "reviewIntervalMonths": return reviewIntervalMonths.templateValue
        case "overdueText": return overdueText.templateValue
        case "screeningURL": return screeningURL.templateValue
        default: return .missing
        }
    }
}

extension CountryView.FactorView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "label": return label.templateValue
        case "status": return status.templateValue
        case "statusLabel": return statusLabel.templateValue
        case "unknown": return unknown.templateValue
        case "noteHTML": return noteHTML.templateValue
        case "sourceURL": return sourceURL.templateValue
        case "sourceLabel": return sourceLabel.templateValue
        default: return .missing
        }
    }
}

extension CountryView.MeasureView: TemplateObject {
    package func value(named name: String) -> TemplateValue {
        switch name {
        case "authority": return authority.templateValue
        case "measureHTML": return measureHTML.templateValue
        case "date": return date.templateValue
        case "source": return source.templateValue
        case "restrictsExports": return restrictsExports.templateValue
        default: return .missing
        }
    }
}

// The fields templates may name, for checking them (`TemplateNameChecker`):
// the same names as `value(named:)`, with what each holds.
extension CountryView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("CountryView") {
        [
            ("code", .value),
            ("region", .object(LinkView.templateSchema)),
            ("risk", .object(RiskView.templateSchema)),
            ("riskBasisHTML", .value),
            ("factors", .list(.object(CountryView.FactorView.templateSchema))),
            ("hasUnknownFactors", .value),
            ("regimes", .list(.object(LinkView.templateSchema))),
            ("measures", .list(.object(CountryView.MeasureView.templateSchema))),
            ("products", .list(.object(LinkView.templateSchema))),
            ("concerns", .list(.object(ConcernView.templateSchema))),
            ("reviewed", .value),
            ("reviewedISO", .value),
            ("reviewedBy", .value),
            ("overdue", .value),
            ("reviewIntervalMonths", .value),
            ("overdueText", .value),
            ("screeningURL", .value),
        ]
    }
}

extension CountryView.FactorView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("CountryView.FactorView") {
        [
            ("label", .value),
            ("status", .value),
            ("statusLabel", .value),
            ("unknown", .value),
            ("noteHTML", .value),
            ("sourceURL", .value),
            ("sourceLabel", .value),
        ]
    }
}

extension CountryView.MeasureView: TemplateSchemaProviding {
    package static let templateSchema = TemplateSchema("CountryView.MeasureView") {
        [
            ("authority", .value),
            ("measureHTML", .value),
            ("date", .value),
            ("source", .object(CitationView.templateSchema)),
            ("restrictsExports", .value),
        ]
    }
}
