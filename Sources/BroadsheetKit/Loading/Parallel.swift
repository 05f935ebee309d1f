import Dispatch

/// The uninitialized buffer of a result array that parallel loops initialize, each
/// iteration its own index only.
private struct ResultSlots<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    func initialize(_ index: Int, to value: consuming Element) {
        (base + index).initialize(to: value)
    }
}

extension Array where Element: Sendable {
    /// `map` across all cores; results keep the input order, so output never depends on
    /// scheduling. Each result is put in place once (no optional slot, no copy after).
    func parallelMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let input = self
        return [T](unsafeUninitializedCapacity: input.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = ResultSlots(base: base)
            DispatchQueue.concurrentPerform(iterations: input.count) { index in
                slots.initialize(index, to: transform(input[index]))
            }
            initialized = input.count
        }
    }
}

/// A value made on another thread while the caller goes on; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once, before `group` is left; read only after waiting for it.
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = work()
            group.leave()
        }
    }

    var value: Value {
        group.wait()
        return result.unsafelyUnwrapped
    }
}
