import Dispatch

/// Frees a build's large values on another thread. After a rebuild that changed one
/// article, freeing 10,000 articles, their cache entries and views took a tenth of the
/// run; the caller no longer waits for it, and the command line exits before it is done.
enum Teardown {
    /// `values` must be the last reference to them (pass it with `consume`), or the
    /// caller's own reference may be the one that frees them after all.
    static func inBackground(_ values: consuming [Any]) {
        let held = Held(values)
        DispatchQueue.global(qos: .utility).async { held.release() }
    }

    /// Only released, never read, so it is safe to hand to another thread.
    private final class Held: @unchecked Sendable {
        private var values: [Any]

        init(_ values: consuming [Any]) {
            self.values = values
        }

        func release() {
            values = []
        }
    }
}
