import Foundation

/// Notices changes to files and folders by polling modification times and sizes,
/// which works the same on Linux and macOS. Hidden files (editor swap files) and
/// anything under `ignoring` do not count.
struct FolderWatcher: Sendable {
    struct Stamp: Equatable, Sendable {
        var modified: Date
        var size: Int
    }

    let paths: [URL]
    let ignoring: URL
    let interval: Duration

    /// Calls `onChange` after each change, once the files have been quiet for one
    /// interval (an editor saving several files triggers one rebuild); returns
    /// when the task is cancelled.
    func run(onChange: @Sendable () async -> Void) async {
        var last = snapshot()
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

    /// Every file under the watched paths, by path (folders only through their files,
    /// so an editor's hidden temporary file does not count as a change).
    func snapshot() -> [String: Stamp] {
        let keys: Set<URLResourceKey> = [.contentModificationDateKey, .fileSizeKey, .isDirectoryKey]
        let ignored = ignoring.standardizedFileURL.path + "/"
        var stamps: [String: Stamp] = [:]
        func add(_ url: URL) {
            guard let values = try? url.resourceValues(forKeys: keys), values.isDirectory != true,
                  let modified = values.contentModificationDate else { return }
            stamps[url.path] = Stamp(modified: modified, size: values.fileSize ?? 0)
        }
        for path in paths {
            add(path)
            guard let walker = FileManager.default.enumerator(at: path, includingPropertiesForKeys: Array(keys), options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                if (url.standardizedFileURL.path + "/").hasPrefix(ignored) {
                    walker.skipDescendants()
                    continue
                }
                add(url)
            }
        }
        return stamps
    }
}
