import Foundation

/// A file read from disk: its path relative to the folder it was found in, and its bytes.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Walks a folder for files with the given extensions, in path order, with plain
/// `readdir`/`stat` calls (Foundation's enumerator costs a second at 10,000 files).
/// Hidden names and names starting with `_` are skipped; a symlink to a file
/// inside the folder is read, one that leads outside it (or loops) is not followed
/// and named in a warning; symlinked folders are not descended.
struct FolderReader {
    struct Entry: Sendable {
        /// Relative to the folder, with `/` separators.
        var path: String
        /// The folder's path (one string shared by every entry).
        var root: String
        var status: FileStatus

        /// Made when a file is read: a rebuild reads few of the files it lists.
        var absolute: String { root + "/" + path }
    }

    let root: URL
    let extensions: Set<String>?

    /// Every wanted file under the folder, in path order. The folders of one depth are
    /// listed in parallel: a rebuild of 10,000 articles spends a fifth of its time here.
    func list() -> (entries: [Entry], diagnostics: [Diagnostic]) {
        let rootPath = root.standardizedFileURL.path
        guard let realRoot = realPath(rootPath) else { return ([], []) }
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        var pending = [""]
        while !pending.isEmpty {
            let listed = pending.parallelMap { list(folder: $0, rootPath: rootPath, realRoot: realRoot) }
            pending = listed.flatMap(\.folders)
            entries += listed.flatMap(\.entries)
            diagnostics += listed.flatMap(\.diagnostics)
        }
        entries.sort { $0.path < $1.path }
        return (entries, diagnostics)
    }

    /// One folder's wanted files and its subfolders, relative to the root.
    private func list(folder: String, rootPath: String, realRoot: String) -> (entries: [Entry], folders: [String], diagnostics: [Diagnostic]) {
        var entries: [Entry] = []
        var folders: [String] = []
        var diagnostics: [Diagnostic] = []
        guard let handle = opendir(folder.isEmpty ? rootPath : rootPath + "/" + folder) else { return ([], [], []) }
        defer { closedir(handle) }
        let folderDescriptor = dirfd(handle)
        while let item = readdir(handle) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") || name.hasPrefix("_") { continue }
            let relative = folder.isEmpty ? name : folder + "/" + name
            var info = stat()
            // Relative to the open folder: the kernel resolves one name, not the whole path.
            guard fstatat(folderDescriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                folders.append(relative)
            case S_IFREG:
                if wanted(name) { entries.append(Entry(path: relative, root: rootPath, status: FileStatus(info))) }
            case S_IFLNK:
                guard let target = realPath(rootPath + "/" + relative), target.hasPrefix(realRoot + "/") else {
                    diagnostics.append(.warning(relative, "is a symlink that leads outside the folder (or loops); it is not followed"))
                    continue
                }
                if wanted(name), let status = FileStatus(path: target), status.kind == .file {
                    entries.append(Entry(path: relative, root: rootPath, status: status))
                }
            default:
                continue
            }
        }
        // Sorted here, in parallel, so that the sort of all entries merges sorted runs.
        entries.sort { $0.path < $1.path }
        folders.sort()
        diagnostics.sort()
        return (entries, folders, diagnostics)
    }

    /// Every listed file with its bytes.
    func read() -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let (entries, listed) = list()
        let (files, unread) = Self.read(entries)
        return (files.compactMap { $0 }, listed + unread)
    }

    /// Reads the given entries in parallel; a slot is nil where the file could not be read.
    static func read(_ entries: [Entry]) -> ([SourceFile?], [Diagnostic]) {
        let files = entries.parallelMap(read)
        return (files, zip(entries, files).filter { $0.1 == nil }.map { unreadable($0.0) })
    }

    /// The entry's file; nil when it cannot be read (`unreadable` says so).
    static func read(_ entry: Entry) -> SourceFile? {
        PlainFile.read(entry.absolute).map { SourceFile(path: entry.path, bytes: $0) }
    }

    static func unreadable(_ entry: Entry) -> Diagnostic {
        .error(entry.path, "cannot be read; expected a readable file")
    }

    /// Whether the name ends in one of `extensions`, in any case. An ASCII extension is
    /// compared byte by byte (10,000 names a rebuild), any other lowercased first.
    private func wanted(_ name: String) -> Bool {
        guard let extensions else { return true }
        var name = name
        return name.withUTF8 { bytes in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != 0 else { return false }
            let suffix = UnsafeBufferPointer(rebasing: bytes[(dot + 1)...])
            guard suffix.allSatisfy({ $0 < 0x80 }) else { return extensions.contains(String(decoding: suffix, as: UTF8.self).lowercased()) }
            return extensions.contains { wanted in
                wanted.utf8.count == suffix.count
                    && zip(wanted.utf8, suffix).allSatisfy { $0 == ($1 >= UInt8(ascii: "A") && $1 <= UInt8(ascii: "Z") ? $1 | 0x20 : $1) }
            }
        }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
