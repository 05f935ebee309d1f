import Foundation

/// What `stat(2)` says about a path, following symlinks: one system call, where
/// Foundation's attribute APIs on Linux also look up owner names and extended attributes.
public struct FileStatus: Equatable, Sendable {
    public enum Kind: Sendable { case file, folder, other }

    public var kind: Kind
    public var size: Int
    public var seconds: Int
    public var nanoseconds: Int

    /// Nil when nothing is there (or it cannot be read).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// From a `stat` or `lstat` already made.
    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .folder
        default: kind = .other
        }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        size = Int(info.st_size)
        seconds = Int(time.tv_sec)
        nanoseconds = Int(time.tv_nsec)
    }

    public var modificationDate: Date {
        Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }
}
