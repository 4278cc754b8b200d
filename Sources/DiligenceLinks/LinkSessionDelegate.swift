import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Follows one URL session's requests: records each redirect (so the report
/// can name the final address), stops a request once its status line and
/// headers arrive (a GET need not download a 20 MB PDF to prove it exists),
/// and ends requests that run past their deadline.
///
/// The session calls it on its own serial queue; `start` and `timeOut` come
/// from other threads, hence the lock.
final class LinkSessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// What one request ended with.
    struct Outcome: Sendable {
        var response: HTTPURLResponse?
        /// Each address a redirect led to, in order.
        var redirects: [String]
        var error: URLError?
        var timedOut: Bool
    }

    private struct Pending {
        var continuation: CheckedContinuation<Outcome, Never>
        var outcome = Outcome(response: nil, redirects: [], error: nil, timedOut: false)
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]

    func start(_ task: URLSessionTask, continuation: CheckedContinuation<Outcome, Never>) {
        lock.lock()
        pending[task.taskIdentifier] = Pending(continuation: continuation)
        lock.unlock()
        task.resume()
    }

    /// Ends a request that has not answered yet; one that already has is left alone.
    func timeOut(_ task: URLSessionTask) {
        lock.lock()
        let waiting = pending[task.taskIdentifier].map { $0.outcome.response == nil } ?? false
        if waiting { pending[task.taskIdentifier]?.outcome.timedOut = true }
        lock.unlock()
        if waiting { task.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest proposed: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        let request = Self.redirect(proposed, response: response)
        lock.lock()
        let hops = pending[task.taskIdentifier]?.outcome.redirects.count ?? 0
        if let url = request.url?.absoluteString { pending[task.taskIdentifier]?.outcome.redirects.append(url) }
        lock.unlock()
        // Stop following a loop; the last 3xx is then reported as the answer.
        completionHandler(hops < 10 ? request : nil)
    }

    /// The request a redirect leads to, its address taken from the
    /// `Location` header as RFC 9110 says (relative to the address that
    /// answered). Foundation on Linux makes `Location: /folder/` into
    /// `…/folder`, without the slash that the server asked for, so a
    /// folder's redirect led back to itself until the hop limit and the
    /// link was reported dead with its 301.
    static func redirect(_ proposed: URLRequest, response: HTTPURLResponse) -> URLRequest {
        guard let location = response.value(forHTTPHeaderField: "Location"), let base = response.url,
              let target = URL(string: location, relativeTo: base)?.absoluteURL, target != proposed.url else { return proposed }
        var request = proposed
        request.url = target
        return request
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        pending[dataTask.taskIdentifier]?.outcome.response = response as? HTTPURLResponse
        lock.unlock()
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {}

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        guard var entry = pending.removeValue(forKey: task.taskIdentifier) else {
            lock.unlock()
            return
        }
        lock.unlock()
        if entry.outcome.response == nil { entry.outcome.response = task.response as? HTTPURLResponse }
        // Cancelling after the headers arrived is how a request is stopped early, not a failure.
        if entry.outcome.response == nil, let error {
            entry.outcome.error = (error as? URLError) ?? URLError(.unknown, userInfo: [NSLocalizedDescriptionKey: "\(error)"])
        }
        entry.continuation.resume(returning: entry.outcome)
    }
}
