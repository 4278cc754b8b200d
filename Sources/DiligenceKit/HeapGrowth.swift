import CPlatform
import DiligenceContent
import DiligenceDiagnostics
import DiligenceGraph
import DiligenceMarkdown
import DiligencePublish
import DiligenceRender
import DiligenceSearch
import DiligenceSupport
import DiligenceTemplate

/// Asks the C allocator to grow its heaps 64 MB at a time.
///
/// Every dispatch worker thread allocates from an arena of its own, and
/// glibc grows an arena by making its next 4 KB page writable: one
/// `mprotect` per page, 26,000 of them in an incremental build of 10,000
/// pages. Each takes the process's memory-map lock, which page faults on the
/// other threads wait for (`mprotect` was 5–8 % of the samples in `perf`).
/// With a top pad the heaps grow 64 MB at a time: 72 calls. It is address
/// space, not memory — pages never touched are never resident (peak RSS was
/// unchanged in the benchmark). A thread's heap takes the pad when it is
/// created, so this is called first thing in `main`, before any thread
/// allocates (called from a command's `run`, it changed nothing).
package enum HeapGrowth {
    package static func configure() {
        _ = diligence_set_heap_top_pad(64 << 20)
    }
}
