import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// `search/meta.js`: what the browser needs before its first lookup.
package struct SearchMeta: Encodable {
    /// Number of pages.
    package var n: Int
    /// How words are folded and matched: "en" and "fr" stemmed (chunks hold
    /// redirects from forms to stem keys), "fr" drops elisions; "" neither.
    package var l: String
    /// First term of each chunk `i-<n>.js`, in order.
    package var c: [String]
    /// Chunks that hold one redirect only (a common form's list of pages):
    /// the browser reads its term in `c` and does not load the chunk.
    package var s: [Int]
    /// Initials that have a vocabulary file.
    package var v: [String]
    /// Field weights, for reference.
    package var w: [Double]
    /// Page names per `n-<k>.js` table, and the length of a name.
    package var r: [Int]
}
