import Foundation

/// Notices changes to files by polling their modification times and sizes, which
/// works the same on Linux and macOS. Hidden files (editor swap files) and anything
/// under `ignoring` do not count; folders count only through their files.
struct FolderWatcher: Sendable {
    struct Stamp: Equatable, Sendable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int
    }

    /// Files or folders to watch; a missing one is simply empty.
    let paths: [URL]
    let ignoring: URL
    let interval: Duration

    /// Calls `onChange` after each change from `baseline`, once the files have stayed
    /// the same for one more interval (an editor saving several files triggers one
    /// rebuild); returns when the task is cancelled.
    func run(from baseline: [String: Stamp], onChange: @Sendable () async -> Void) async {
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
    func snapshot() -> [String: Stamp] {
        let ignored = ignoring.standardizedFileURL.path
        var stamps: [String: Stamp] = [:]
        for root in paths.map(\.standardizedFileURL.path) {
            if let stamp = Self.stamp(root) { stamps[root] = stamp }
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = root + "/" + relative
                if (relative as NSString).lastPathComponent.hasPrefix(".") || path == ignored {
                    walker.skipDescendants()
                } else if let stamp = Self.stamp(path) {
                    stamps[path] = stamp
                }
            }
        }
        return stamps
    }

    /// The modification time and size of a regular file (following symlinks).
    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int(info.st_size))
    }
}
