/// Carries an array's buffer into `concurrentPerform`'s closure, where each
/// iteration initialises its own slot (`concurrentMap`).
@usableFromInline package struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    @usableFromInline package let buffer: UnsafeMutableBufferPointer<Element>
    @usableFromInline package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
