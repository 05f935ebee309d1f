import Dispatch

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
