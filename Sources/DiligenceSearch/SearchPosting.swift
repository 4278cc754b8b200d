import DiligenceContent
import DiligenceGraph
import DiligenceRender
import DiligenceSupport

/// One page in a term's posting list, with the term's score in that page.
package struct SearchPosting: Sendable {
    package var doc: Int32
    package var score: Int32
}
