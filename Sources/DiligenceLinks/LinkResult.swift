import Foundation

/// What checking one URL found, and when. The form kept in the cache file.
package struct LinkResult: Sendable, Hashable, Codable {
    package enum Verdict: String, Sendable, Hashable, Codable {
        /// Answered 2xx at the address as written.
        case ok
        /// Answered 2xx after one or more redirects: the source should name `finalURL`.
        case redirected
        /// Answered 401, 403, 429 (or LinkedIn's 999): bot protection or a rate
        /// limit, which says nothing about whether the page exists.
        case refused
        /// 404, 410, another 4xx, 5xx, a host not found, a refused connection, a timeout.
        case dead
    }

    package var url: String
    package var verdict: Verdict
    /// The last HTTP status received; nil when no answer came.
    package var status: Int?
    /// Where the redirects ended, for `redirected`.
    package var finalURL: String?
    /// The reason in words: "404 Not Found", "host not found", "timed out after 10 s".
    package var detail: String
    package var checked: Date
    /// True for a network failure (DNS, connection, timeout, no network) rather
    /// than an HTTP answer: when every URL fails this way, the machine is offline.
    package var networkFailure: Bool
    /// Set when the result was read from the cache rather than requested; not stored.
    package var fromCache = false

    package init(url: String, verdict: Verdict, status: Int? = nil, finalURL: String? = nil, detail: String,
                 checked: Date, networkFailure: Bool = false) {
        self.url = url
        self.verdict = verdict
        self.status = status
        self.finalURL = finalURL
        self.detail = detail
        self.checked = checked
        self.networkFailure = networkFailure
    }

    private enum CodingKeys: String, CodingKey {
        case url, verdict, status, finalURL = "final_url", detail, checked, networkFailure = "network_failure"
    }

    /// The verdict an HTTP status gives, after redirects.
    package static func verdict(forStatus status: Int, redirected: Bool) -> Verdict {
        switch status {
        case 200..<300: return redirected ? .redirected : .ok
        case 401, 403, 429, 999: return .refused
        default: return .dead
        }
    }
}
