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

/// Walks a folder for files with the given extensions, in path order. Hidden files
/// and names starting with `_` are skipped; symlinks that lead outside the folder
/// are not followed (a warning names them).
struct FolderReader {
    let root: URL
    let extensions: Set<String>?

    func read() -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        var diagnostics: [Diagnostic] = []
        var found: [(path: String, url: URL)] = []
        let keys: [URLResourceKey] = [.isSymbolicLinkKey, .isRegularFileKey, .isDirectoryKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else {
            return ([], [])
        }
        for case let url as URL in walker {
            let relative = relativePath(of: url)
            let name = url.lastPathComponent
            if name.hasPrefix("_") {
                walker.skipDescendants()
                continue
            }
            let values = try? url.resourceValues(forKeys: Set(keys))
            var isFile = values?.isRegularFile ?? false
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath().standardizedFileURL.path
                guard target == rootPath || target.hasPrefix(rootPath + "/") else {
                    diagnostics.append(.warning(relative, "is a symlink to \(target), outside the folder; it is not followed"))
                    continue
                }
                var isDirectory: ObjCBool = false
                isFile = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            guard isFile else { continue }
            if let extensions, !extensions.contains(url.pathExtension.lowercased()) { continue }
            found.append((relative, url))
        }
        found.sort { $0.path < $1.path }
        let contents = found.map(\.url).parallelMap { url in
            FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
        }
        var files: [SourceFile] = []
        for (entry, bytes) in zip(found, contents) {
            if let bytes {
                files.append(SourceFile(path: entry.path, bytes: bytes))
            } else {
                diagnostics.append(.error(entry.path, "cannot be read; expected a readable file"))
            }
        }
        return (files, diagnostics)
    }

    private func relativePath(of url: URL) -> String {
        let base = root.standardizedFileURL.pathComponents
        let parts = url.standardizedFileURL.pathComponents
        return parts.dropFirst(base.count).joined(separator: "/")
    }
}
