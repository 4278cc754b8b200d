import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligenceSupport
import DiligenceTemplate

/// The fields of a country profile, ready for `country.mustache`.
public struct CountryView: Sendable {
    public struct FactorView: Sendable {
        public var label: String
        public var status: String
        public var statusLabel: String
        public var unknown: Bool
        public var noteHTML: String?
        public var sourceURL: String?
        public var sourceLabel: String?
    }

    public struct MeasureView: Sendable {
        public var authority: String
        public var measureHTML: String
        public var date: String?
        public var source: CitationView?
        /// It restricts exports to this country (what makes it `critical`).
        public var restrictsExports: Bool
    }

    public var code: String
    public var region: LinkView
    public var risk: RiskView
    /// Which rule gives the rating, on which facts (inline HTML).
    public var riskBasisHTML: String?
    public var factors: [FactorView]
    public var hasUnknownFactors: Bool
    public var regimes: [LinkView]
    public var measures: [MeasureView]
    public var products: [LinkView]
    public var concerns: [ConcernView]
    public var reviewed: String
    public var reviewedISO: String
    public var reviewedBy: String?
    public var overdue: Bool
    public var reviewIntervalMonths: Int
    /// The screening page with this country chosen.
    public var screeningURL: String
}

// Field lookup for templates: one case per stored property.
extension CountryView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
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
        case "screeningURL": return screeningURL.templateValue
        default: return .missing
        }
    }
}

extension CountryView.FactorView: TemplateObject {
    public func value(named name: String) -> TemplateValue {
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
    public func value(named name: String) -> TemplateValue {
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
