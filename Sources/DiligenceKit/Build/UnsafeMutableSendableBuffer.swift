/// Carries an array's buffer into `concurrentPerform`'s closure, where each
/// iteration initialises its own slot (`concurrentMap`).
struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
