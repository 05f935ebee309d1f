import Dispatch
import Foundation
import Testing
@testable import BroadsheetKit

/// The build's parallel helpers: results in input order, and a value made beside the caller.
@Suite struct ParallelTests {
    @Test func parallelMapKeepsTheInputOrder() {
        let input = Array(0..<1_000)
        #expect(input.parallelMap { $0 * 2 } == input.map { $0 * 2 })
        #expect([Int]().parallelMap { $0 }.isEmpty)
    }

    /// The work runs on another thread while the caller goes on: it waits for a signal the
    /// caller gives only after starting it (made in place, it would time out instead).
    @Test func concurrentlyMakesItsValueWhileTheCallerGoesOn() {
        let go = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let made = Concurrently { () -> [Bool] in
            [go.wait(timeout: .now() + 10) == .success, pthread_equal(pthread_self(), caller) == 0]
        }
        go.signal()
        #expect(made.value == [true, true])
        #expect(made.value == [true, true])   // read again: the same value, without waiting
    }
}
