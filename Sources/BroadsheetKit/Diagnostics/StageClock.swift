import Foundation

/// Times the stages of one build.
struct StageClock {
    static let stages = ["load", "parse", "classify", "plan", "render", "write"]

    private let start = Date()
    private var last = Date()
    private let progress: (@Sendable (String, Int, Int) -> Void)?
    private(set) var laps: [(name: String, seconds: Double)] = []

    init(progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        self.progress = progress
        progress?(Self.stages[0], 1, Self.stages.count)
    }

    mutating func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
        if let next = Self.stages.firstIndex(of: name).map({ $0 + 1 }), next < Self.stages.count {
            progress?(Self.stages[next], next + 1, Self.stages.count)
        }
    }

    var total: Double { Date().timeIntervalSince(start) }
}
