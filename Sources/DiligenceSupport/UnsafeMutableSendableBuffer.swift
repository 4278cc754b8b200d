/// Carries an array's buffer into `concurrentPerform`'s closure, where each
/// iteration initialises its own slot (`concurrentMap`).
package struct UnsafeMutableSendableBuffer<Element>: @unchecked Sendable {
    package let buffer: UnsafeMutableBufferPointer<Element>
    package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
