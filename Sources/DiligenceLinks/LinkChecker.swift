import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Checks URLs over the network, many at once but few per host.
///
/// Each URL is asked for with HEAD first, which costs the server least; a
/// server that answers HEAD with an error status (405 and 501 are meant for
/// this, but some answer 403, 404 or 500) is asked again with GET, the
/// request a reader's browser makes, and that answer counts. 429 is not
/// retried: the server asked to be left alone.
package final class LinkChecker: Sendable {
    package struct Options: Sendable {
        package var perHost = 2
        package var overall = 8
        /// Seconds a request may take, redirects included.
        package var timeout: Double = 10
        package var userAgent = LinkChecker.userAgent

        package init(perHost: Int = 2, overall: Int = 8, timeout: Double = 10) {
            self.perHost = perHost
            self.overall = overall
            self.timeout = timeout
        }
    }

    /// Names the tool, so a site's operator can tell what is asking and why.
    package static let userAgent = "Diligence-links/1.0 (link checker of a static knowledge base; checks each URL at most once a week)"

    package let options: Options
    private let limiter: HostLimiter
    private let session: URLSession
    private let delegate: LinkSessionDelegate

    package init(options: Options) {
        self.options = options
        limiter = HostLimiter(perHost: options.perHost, overall: options.overall)
        delegate = LinkSessionDelegate()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = options.perHost
        configuration.timeoutIntervalForRequest = options.timeout
        configuration.timeoutIntervalForResource = options.timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpAdditionalHeaders = ["User-Agent": options.userAgent]
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    /// Checks each URL once, in parallel within the limits; results in the order given.
    package func check(_ urls: [String], now: Date = Date()) async -> [LinkResult] {
        await withTaskGroup(of: (Int, LinkResult).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask {
                    let host = URL(string: url)?.host?.lowercased() ?? url
                    await self.limiter.acquire(host)
                    let result = await self.check(url, now: now)
                    await self.limiter.release(host)
                    return (index, result)
                }
            }
            var results = [LinkResult?](repeating: nil, count: urls.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// One URL, HEAD then (if refused) GET, without the host limit.
    package func check(_ url: String, now: Date = Date()) async -> LinkResult {
        guard let address = URL(string: url), address.host != nil else {
            return LinkResult(url: url, verdict: .dead, detail: "not a valid URL", checked: now)
        }
        var outcome = await request(address, method: "HEAD")
        if let status = outcome.response?.statusCode, status >= 400, status != 429 {
            outcome = await request(address, method: "GET")
        }
        return LinkChecker.result(for: url, outcome: outcome, timeout: options.timeout, checked: now)
    }

    private func request(_ url: URL, method: String) async -> LinkSessionDelegate.Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: options.timeout)
        request.httpMethod = method
        request.setValue(options.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("*/*", forHTTPHeaderField: "Accept")
        let task = session.dataTask(with: request)
        let delegate = self.delegate
        // The session's own timeout restarts with each byte received; this one is the whole request's.
        DispatchQueue.global().asyncAfter(deadline: .now() + options.timeout) { delegate.timeOut(task) }
        return await withCheckedContinuation { delegate.start(task, continuation: $0) }
    }

    static func result(for url: String, outcome: LinkSessionDelegate.Outcome, timeout: Double, checked: Date) -> LinkResult {
        if let response = outcome.response {
            let status = response.statusCode
            let final = outcome.redirects.last ?? response.url?.absoluteString
            let moved = final.map { $0 != url } ?? false
            let verdict = LinkResult.verdict(forStatus: status, redirected: moved && !outcome.redirects.isEmpty)
            return LinkResult(url: url, verdict: verdict, status: status, finalURL: outcome.redirects.isEmpty ? nil : final,
                              detail: describe(status), checked: checked)
        }
        if outcome.timedOut {
            return LinkResult(url: url, verdict: .dead, detail: "timed out after \(seconds(timeout))", checked: checked, networkFailure: true)
        }
        let error = outcome.error ?? URLError(.unknown)
        return LinkResult(url: url, verdict: .dead, detail: describe(error, timeout: timeout), checked: checked, networkFailure: true)
    }

    static func describe(_ status: Int) -> String {
        // Foundation calls 200 "no error" (and "OK" capitalized is "Ok").
        if status == 200 { return "200 OK" }
        let reason = HTTPURLResponse.localizedString(forStatusCode: status)
        return reason.isEmpty ? "\(status)" : "\(status) \(reason.capitalized)"
    }

    static func describe(_ error: URLError, timeout: Double) -> String {
        switch error.code {
        case .timedOut: return "timed out after \(seconds(timeout))"
        case .cannotFindHost, .dnsLookupFailed: return "host not found (DNS)"
        case .cannotConnectToHost: return "connection refused"
        case .notConnectedToInternet: return "no network connection"
        case .networkConnectionLost: return "connection closed before an answer"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "TLS failed: \(error.localizedDescription)"
        case .httpTooManyRedirects, .redirectToNonExistentLocation: return "too many redirects"
        default: return error.localizedDescription
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
