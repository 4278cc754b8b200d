/// One page in a term's posting list, with the term's score in that page.
struct SearchPosting: Sendable {
    var doc: Int32
    var score: Int32
}
