/// A table of values a cache's records name by number, as a reader is given
/// it: the address of its first value and their count (`CacheReader.symbols`).
/// Read from many threads at once, a reference to the table object was
/// retained and released for every value read, and its counter going from
/// core to core made decoding the cache slower than making each value again.
/// Whoever makes one keeps the table alive while readers use it.
package struct CacheSymbols: @unchecked Sendable {
    package let base: UnsafeRawPointer
    package let count: Int

    package init(base: UnsafeRawPointer, count: Int) {
        self.base = base
        self.count = count
    }
}
