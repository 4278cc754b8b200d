import Mustache

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
        public var url: String?
    }

    public var code: String
    public var region: LinkView
    public var risk: RiskView
    public var factors: [FactorView]
    public var hasUnknownFactors: Bool
    public var regimes: [LinkView]
    public var measures: [MeasureView]
    public var products: [LinkView]
    public var reviewed: String
    public var reviewedISO: String
    public var reviewedBy: String?
    public var overdue: Bool
    public var reviewIntervalMonths: Int
    /// The screening page with this country chosen.
    public var screeningURL: String
}

// Field lookup for templates without reflection (swift-mustache's Mirror
// path dominated rendering time); one case per stored property.
extension CountryView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": return code
        case "region": return region
        case "risk": return risk
        case "factors": return factors
        case "hasUnknownFactors": return hasUnknownFactors
        case "regimes": return regimes
        case "measures": return measures
        case "products": return products
        case "reviewed": return reviewed
        case "reviewedISO": return reviewedISO
        case "reviewedBy": return reviewedBy
        case "overdue": return overdue
        case "reviewIntervalMonths": return reviewIntervalMonths
        case "screeningURL": return screeningURL
        default: return nil
        }
    }
}

extension CountryView.FactorView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": return label
        case "status": return status
        case "statusLabel": return statusLabel
        case "unknown": return unknown
        case "noteHTML": return noteHTML
        case "sourceURL": return sourceURL
        case "sourceLabel": return sourceLabel
        default: return nil
        }
    }
}

extension CountryView.MeasureView: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "authority": return authority
        case "measureHTML": return measureHTML
        case "date": return date
        case "url": return url
        default: return nil
        }
    }
}
