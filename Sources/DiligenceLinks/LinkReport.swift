import DiligenceDiagnostics
import Foundation

/// The results of one run turned into what the editor reads: a warning at
/// each place a bad URL is written, and the closing counts.
package struct LinkReport: Sendable {
    package var occurrences: [LinkOccurrence]
    /// One result per distinct URL.
    package var results: [String: LinkResult]

    package init(occurrences: [LinkOccurrence], results: [LinkResult]) {
        self.occurrences = occurrences
        self.results = Dictionary(results.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
    }

    package var checked: Int { results.count }
    package var fromCache: Int { results.values.filter(\.fromCache).count }
    package var dead: Int { count(.dead) }
    package var redirected: Int { count(.redirected) }
    package var refused: Int { count(.refused) }

    private func count(_ verdict: LinkResult.Verdict) -> Int { results.values.filter { $0.verdict == verdict }.count }

    /// True when no URL got any answer, on three or more hosts, each failing
    /// at the network level: the machine is offline (or its DNS is down), and
    /// reporting every URL as dead would be wrong and noisy.
    package var looksOffline: Bool {
        let hosts = Set(results.keys.map { URL(string: $0)?.host?.lowercased() ?? $0 })
        return hosts.count >= 3 && results.values.allSatisfy { $0.verdict == .dead && $0.networkFailure && !$0.fromCache }
    }

    /// A warning for each place a dead, refused or redirected URL is written.
    package var diagnostics: [Diagnostic] {
        guard !looksOffline else { return [] }
        return occurrences.compactMap { occurrence in
            guard let result = results[occurrence.url] else { return nil }
            return LinkReport.diagnostic(for: result, at: occurrence.location)
        }.sorted()
    }

    package static func diagnostic(for result: LinkResult, at location: SourceLocation) -> Diagnostic? {
        switch result.verdict {
        case .ok:
            return nil
        case .dead:
            return .warning(at: location, "dead link (\(result.detail)): \(result.url)",
                            hint: "find where the document moved and update the URL, or cite another copy (an archived copy is a last resort)")
        case .refused:
            return .warning(at: location, "refused by the server (\(result.detail)): check by hand: \(result.url)",
                            hint: "bot protection and rate limits answer scripts this way whether or not the page exists; open it in a browser")
        case .redirected:
            return .warning(at: location, "redirected: \(result.url) → \(result.finalURL ?? "?")",
                            hint: "update the URL to the final address, so the citation survives the redirect being removed")
        }
    }

    /// "78 URLs checked (12 from cache), 2 dead, 3 redirected, 1 refused".
    package var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if looksOffline {
            return "\(plural(checked, "URL")) on \(Set(results.keys.map { URL(string: $0)?.host ?? $0 }).count) hosts: none could be reached (\(commonReason)); is this machine offline? No link was reported as dead."
        }
        return "\(plural(checked, "URL")) checked (\(fromCache) from cache), \(dead) dead, \(redirected) redirected, \(refused) refused"
    }

    /// The most frequent failure, for the offline line.
    private var commonReason: String {
        let counts = Dictionary(grouping: results.values, by: \.detail).mapValues(\.count)
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "no answer"
    }
}
