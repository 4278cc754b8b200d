/// Lets at most `perHost` requests run at once to one host, and `overall` in
/// all, so that checking a site's hundred links to one government server does
/// not look like an attack on it. Waiters are served first come, first
/// served, skipping those whose host is still busy.
package actor HostLimiter {
    package let perHost: Int
    package let overall: Int
    private var active: [String: Int] = [:]
    private var total = 0
    private var waiting: [(host: String, continuation: CheckedContinuation<Void, Never>)] = []

    package init(perHost: Int, overall: Int) {
        self.perHost = max(perHost, 1)
        self.overall = max(overall, 1)
    }

    package func acquire(_ host: String) async {
        if canStart(host) {
            take(host)
            return
        }
        await withCheckedContinuation { waiting.append((host, $0)) }
    }

    package func release(_ host: String) {
        active[host, default: 1] -= 1
        if active[host] == 0 { active[host] = nil }
        total -= 1
        var index = 0
        while index < waiting.count, total < overall {
            let waiter = waiting[index]
            if canStart(waiter.host) {
                waiting.remove(at: index)
                take(waiter.host)
                waiter.continuation.resume()
            } else {
                index += 1
            }
        }
    }

    private func canStart(_ host: String) -> Bool {
        total < overall && active[host, default: 0] < perHost
    }

    private func take(_ host: String) {
        active[host, default: 0] += 1
        total += 1
    }
}
