import Dispatch
import Foundation

/// A buffer that parallel loops write into, each iteration to its own index only.
struct UncheckedBuffer<Element>: @unchecked Sendable {
    private let base: UnsafeMutableBufferPointer<Element>

    init(_ base: UnsafeMutableBufferPointer<Element>) {
        self.base = base
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }
}

extension Array where Element: Sendable {
    /// `map` across all cores; results keep the input order, so output never depends on scheduling.
    func parallelMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            let slots = UncheckedBuffer(slots)
            let input = self
            DispatchQueue.concurrentPerform(iterations: input.count) { index in
                slots[index] = transform(input[index])
            }
        }
        return results.map { $0.unsafelyUnwrapped }
    }
}

/// A value made on a thread of its own while the caller goes on; `value` waits for it.
/// Its own thread, not a queue's: a parallel loop's workers may be the ones waiting for
/// it, and must not also be the only threads that could make it.
final class Concurrently<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        Thread { [self] in
            result = work()
            done.signal()
        }.start()
    }

    /// The value; the first call waits until it is made. `result` is written once, before
    /// the signal every reader waits for.
    var value: Value {
        done.wait()
        done.signal()
        return result.unsafelyUnwrapped
    }
}
