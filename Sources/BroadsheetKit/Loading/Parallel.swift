import Dispatch
import Foundation

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
    /// The elements are taken in runs of neighbours, `parallelRuns` of them: one at a time, two
    /// cores took turns along the array, each claiming every element with an atomic counter
    /// and writing results beside the other's, which for small work cost more than the work.
    func parallelMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let input = self
        let runs = Swift.min(input.count, parallelRuns)
        return [T](unsafeUninitializedCapacity: input.count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let slots = ResultSlots(base: base)
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                for index in run * input.count / runs..<(run + 1) * input.count / runs {
                    slots.initialize(index, to: transform(input[index]))
                }
            }
            initialized = input.count
        }
    }
}

/// How many runs `parallelMap` cuts an array into: 64 a core, enough that the cores finish
/// close together when elements differ in cost.
private let parallelRuns = 64 * ProcessInfo.processInfo.activeProcessorCount

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
