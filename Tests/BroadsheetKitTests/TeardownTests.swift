import Dispatch
import Foundation
import Testing
@testable import BroadsheetKit

/// The build hands its large values to `Teardown`: they must be freed (no leak from a
/// preview server that builds again and again), and on another thread than the caller's.
@Suite struct TeardownTests {
    /// Tells when it is freed, and on which thread.
    final class Tracked: @unchecked Sendable {
        let freed: DispatchSemaphore
        let caller: Thread
        let freedElsewhere: UnsafeMutablePointer<Bool>

        init(freed: DispatchSemaphore, caller: Thread, freedElsewhere: UnsafeMutablePointer<Bool>) {
            self.freed = freed
            self.caller = caller
            self.freedElsewhere = freedElsewhere
        }

        deinit {
            freedElsewhere.pointee = Thread.current != caller
            freed.signal()
        }
    }

    @Test func valuesAreFreedOnAnotherThread() {
        let freed = DispatchSemaphore(value: 0)
        let elsewhere = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
        defer { elsewhere.deallocate() }
        elsewhere.pointee = false
        var values: [Any] = [Tracked(freed: freed, caller: Thread.current, freedElsewhere: elsewhere), [1, 2, 3]]
        values.append("text")
        Teardown.inBackground(consume values)
        #expect(freed.wait(timeout: .now() + 10) == .success)
        #expect(elsewhere.pointee)
    }
}
