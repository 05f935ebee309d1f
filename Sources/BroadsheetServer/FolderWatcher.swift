import BroadsheetKit
import Foundation

/// Notices changes to files by polling their modification times and sizes, which
/// works the same on Linux and macOS. Hidden files (editor swap files) and anything
/// under `ignoring` do not count; folders count only through their files.
struct FolderWatcher: Sendable {
    /// Files or folders to watch; a missing one is simply empty.
    let paths: [URL]
    let ignoring: URL
    let interval: Duration

    /// Calls `onChange` after each change from `baseline`, once the files have stayed
    /// the same for one more interval (an editor saving several files triggers one
    /// rebuild); returns when the task is cancelled.
    func run(from baseline: [String: FileStatus], onChange: @Sendable () async -> Void) async {
        var last = baseline
        do {
            while true {
                try await Task.sleep(for: interval)
                var current = snapshot()
                guard current != last else { continue }
                while true {
                    try await Task.sleep(for: interval)
                    let next = snapshot()
                    if next == current { break }
                    current = next
                }
                last = current
                await onChange()
            }
        } catch {
            return
        }
    }

    /// Every file under the watched paths, by path.
    func snapshot() -> [String: FileStatus] {
        let ignored = ignoring.standardizedFileURL.path
        var stamps: [String: FileStatus] = [:]
        for root in paths.map(\.standardizedFileURL.path) {
            if let status = FileStatus(path: root), status.kind == .file { stamps[root] = status }
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = root + "/" + relative
                if (relative as NSString).lastPathComponent.hasPrefix(".") || path == ignored {
                    walker.skipDescendants()
                } else if let status = FileStatus(path: path), status.kind == .file {
                    stamps[path] = status
                }
            }
        }
        return stamps
    }
}
