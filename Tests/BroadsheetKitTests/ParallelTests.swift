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

    /// Taken in runs: every element once, at its place, whether the runs divide the count or not.
    @Test(arguments: [2, 3, 127, 128, 129, 1_000, 10_007]) func parallelMapTakesEachElementOnce(count: Int) {
        let input = (0..<count).map { "item \($0)" }
        #expect(input.parallelMap { $0 + "!" } == input.map { $0 + "!" })
    }
}
