import DiligenceDiagnostics
import DiligenceSupport

/// The written rating rule of the methodology page, as code, so that `check`
/// can tell an editor when a rating does not follow from the facts recorded.
/// It applies when `risk_levels` are the four default levels; a site with
/// its own levels writes its own rule.
package enum RatingRule {
    package static let levels = ["low", "medium", "high", "critical"]

    /// The country level the recorded facts give, and the clause that gives it.
    package static func countryLevel(factors: [FactorAssessment], factorIDs: [String], measures: [Measure],
                                    concerns: Int) -> (level: String, reason: String) {
        if measures.contains(where: \.restrictsExports) {
            return ("critical", "a measure restricts exports to it (restricts_exports: true)")
        }
        let present = factors.filter { $0.status == .present }.count
        let partial = factors.filter { $0.status == .partial }.count
        let absent = Set(factors.filter { $0.status == .absent }.map(\.factor))
        if present >= 2 {
            return ("high", "\(present) factors are present")
        }
        if present == 1, concerns > 0 {
            return ("high", "one factor is present and the profile records a concern")
        }
        if present + partial > 0 || concerns > 0 {
            return ("medium", present + partial > 0 ? "a factor is present or partial" : "the profile records a concern")
        }
        if !factorIDs.isEmpty, factorIDs.allSatisfy(absent.contains) {
            return ("low", "every factor is absent")
        }
        return ("unknown", "no factor is present or partial, not all are absent, and nothing else is recorded")
    }

    /// The product levels the evidence allows: one level when a control entry
    /// or a concern decides it, else any of `medium`, `low`, `unknown` (the
    /// editor tells them apart by what the cited sources name).
    package static func productLevels(hasControls: Bool, concerns: Int) -> (levels: [String], reason: String) {
        switch (hasControls, concerns > 0) {
        case (true, true): return (["critical"], "it has a control-list entry and a country records a concern naming it")
        case (true, false): return (["high"], "it has a control-list entry and no country records a concern naming it")
        case (false, true): return (["high"], "a country records a concern naming it and it has no control-list entry")
        case (false, false): return (["medium", "low", "unknown"], "it has no control-list entry and no country records a concern naming it")
        }
    }
}
