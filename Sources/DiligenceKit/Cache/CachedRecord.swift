import DiligenceSupport

/// A page's record in the previous build's cache, and the bytes it was read
/// from (written back as they are while nothing in it changes). A class, so
/// plans share it instead of copying its fields: copying 10,000 page plans
/// that held their records by value was a fifth of an incremental build's
/// time (`swift_retain` under `PagePlan` copies in `perf`).
final class CachedRecord: Sendable {
    let page: CachedPage
    let bytes: CacheBytes?

    init(page: CachedPage, bytes: CacheBytes?) {
        self.page = page
        self.bytes = bytes
    }
}
