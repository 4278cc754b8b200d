/// `search/meta.js`: what the browser needs before its first lookup.
struct SearchMeta: Encodable {
    /// Number of pages.
    var n: Int
    /// First term of each chunk `i-<n>.js`, in order.
    var c: [String]
    /// Initials that have a vocabulary file.
    var v: [String]
    /// Field weights, for reference.
    var w: [Double]
    /// Page names per `n-<k>.js` table, and the length of a name.
    var r: [Int]
}
