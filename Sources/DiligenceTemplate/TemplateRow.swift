import DiligenceSupport

/// The bytes one list item rendered, where they are in the output: an item
/// whose `TemplateObject.reuseKey` is set and whose rendering read nothing
/// outside the item (no outer value, no list position). `key` combines the
/// item's `reuseKey` with its place in the templates, so the same bytes are
/// right wherever the same key comes again, in the next build too: the
/// templates are the same, or the build is a full one.
package struct TemplateRow: Sendable, Equatable {
    package var key: UInt64
    package var start: Int
    package var end: Int

    package init(key: UInt64, start: Int, end: Int) {
        self.key = key
        self.start = start
        self.end = end
    }
}
