import Foundation

/// The only stage that changes the output folder.
///
/// - Files whose bytes did not change are not rewritten (their mtime stays, so
///   `rsync` and bucket syncs upload only real changes).
/// - Files an earlier build wrote that this one does not are removed; a manifest
///   records what Broadsheet owns, and nothing else is ever deleted.
/// - The new tree is assembled beside the output folder (unchanged files hard-linked,
///   changed ones written) and swapped in with one atomic exchange. A failure or a
///   kill at any point leaves the output folder exactly as it was; the next run
///   removes the half-built staging folder.
struct OutputWriter {
    static let manifestName = ".broadsheet-manifest"
    private static let manifestHeader = "# Files written by Broadsheet; it removes only files listed here."

    struct Report: Sendable {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    let folder: URL

    /// Where the next tree is assembled: a hidden sibling of the output folder.
    var staging: URL {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).broadsheet-staging")
    }

    /// Refuses (as a usage error) an output folder Broadsheet must not build into.
    static func checkTarget(_ folder: URL, protecting protected: [URL], force: Bool) throws(UsageError) {
        let target = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let home = FileManager.default.homeDirectoryForCurrentUser.resolvingSymlinksInPath().standardizedFileURL.path
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path
        if target == "/" || target == home || target == project {
            let what = target == "/" ? "the file system root" : target == home ? "the home folder" : "the project folder"
            throw UsageError("refusing to build into \(target): it is \(what); choose a folder such as Public")
        }
        for folder in protected {
            let path = folder.resolvingSymlinksInPath().standardizedFileURL.path
            if path == target || path.hasPrefix(target + "/") {
                throw UsageError("refusing to build into \(target): it contains \(path), which Broadsheet reads from")
            }
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !force, !contents.isEmpty, !contents.contains(manifestName) {
            throw UsageError("refusing to build into \(target): it is not empty and has no \(manifestName), so Broadsheet did not create it; empty it, choose another folder, or pass --force")
        }
    }

    func write(_ files: [OutputFile]) throws(BuildFailure) -> Report {
        do {
            return try writeTree(files)
        } catch let failure as BuildFailure {
            try? FileManager.default.removeItem(at: staging)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw BuildFailure([.error(folder.path, "cannot update the output folder: \(error.localizedDescription)")])
        }
    }

    private func writeTree(_ files: [OutputFile]) throws -> Report {
        let manager = FileManager.default
        try? manager.removeItem(at: staging)  // left by a run that was killed
        let previous = readManifest()
        let root = folder.path
        let changed = files.parallelMap { file in
            manager.contents(atPath: root + "/" + file.path).map { !$0.elementsEqual(file.bytes) } ?? true
        }
        let current = Set(files.map(\.path))
        let stale = previous.subtracting(current).filter(Self.isSafe)
        let manifest = Array((([Self.manifestHeader] + current.sorted()).joined(separator: "\n") + "\n").utf8)
        let manifestChanged = manager.contents(atPath: root + "/" + Self.manifestName).map { !$0.elementsEqual(manifest) } ?? true

        var report = Report()
        report.written = changed.count { $0 }
        report.unchanged = files.count - report.written
        guard report.written > 0 || !stale.isEmpty || manifestChanged else { return report }

        // Assemble the new tree: every file of the old one that stays, linked; new bytes written.
        let replaced = Set(zip(files, changed).filter(\.1).map(\.0.path)).union(stale).union([Self.manifestName])
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        for path in existingFiles() where !replaced.contains(path) {
            let target = staging.appendingPathComponent(path)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FolderSwap.link(folder.appendingPathComponent(path), to: target)
        }
        let toWrite = zip(files, changed).filter(\.1).map(\.0) + [OutputFile(path: Self.manifestName, bytes: manifest)]
        let folders = Set(toWrite.map { ($0.path as NSString).deletingLastPathComponent })
        for folder in folders.sorted() where !folder.isEmpty {
            try manager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let stagingPath = staging.path
        let failures = toWrite.parallelMap { file -> String? in
            do {
                try FolderSwap.create(stagingPath + "/" + file.path, bytes: file.bytes)
                return nil
            } catch {
                return "\(file.path) cannot be written: \(error)"
            }
        }.compactMap { $0 }
        guard failures.isEmpty else { throw BuildFailure(failures.map { .error(folder.path, $0) }) }

        if manager.fileExists(atPath: folder.path) {
            try FolderSwap.exchange(staging, folder)
            try manager.removeItem(at: staging)
        } else {
            try manager.moveItem(at: staging, to: folder)
        }
        report.removed = stale.count
        return report
    }

    /// Every file (and symlink) in the output folder, as relative paths.
    private func existingFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        let base = folder.standardizedFileURL.pathComponents.count
        var paths: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true {
            paths.append(url.standardizedFileURL.pathComponents.dropFirst(base).joined(separator: "/"))
        }
        return paths
    }

    private func readManifest() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.manifestName).path),
              let text = String(data: data, encoding: .utf8)
        else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
    }

    /// A manifest line is trusted only if it stays inside the output folder.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
    }
}
