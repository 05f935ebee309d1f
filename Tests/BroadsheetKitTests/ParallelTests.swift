import Testing
@testable import BroadsheetKit

/// The build's parallel loop: whatever the scheduling, results come in input order.
@Suite struct ParallelTests {
    @Test func parallelMapKeepsTheInputOrder() {
        let input = Array(0..<1_000)
        #expect(input.parallelMap { $0 * 2 } == input.map { $0 * 2 })
        #expect([Int]().parallelMap { $0 }.isEmpty)
        #expect([7].parallelMap { $0 + 1 } == [8])
    }
}
