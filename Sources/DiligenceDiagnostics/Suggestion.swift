import DiligenceSupport

/// "Did you mean …?" — the closest candidate by edit distance, if close enough
/// to be a plausible typo.
package enum Suggestion {
    package static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
        }
        guard let (name, d) = best else { return nil }
        let limit = max(2, min(target.count, name.unicodeScalars.count) / 3)
        return d <= limit ? name : nil
    }

    /// A hint string: "did you mean `x`?" or the list of allowed values.
    package static func hint(for word: String, in candidates: [String], noun: String = "allowed values") -> String {
        if let match = closest(to: word, in: candidates) {
            return "did you mean '\(match)'?"
        }
        let shown = candidates.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return "\(noun): \(shown)\(candidates.count > 12 ? ", …" : "")"
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    package static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prevPrev = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], prevPrev[j - 2] + 1)
                }
            }
            (prevPrev, prev, current) = (prev, current, prevPrev)
        }
        return prev[b.count]
    }
}
