import Foundation

/// The only stage that changes the output folder. It writes only files whose bytes
/// changed (so unchanged files keep their mtime and syncs upload only real changes),
/// removes files an earlier build wrote that this one does not, and records what it
/// owns in a manifest, so it never deletes a file it did not write.
struct OutputWriter {
    static let manifestName = ".broadsheet-manifest"
    private static let manifestHeader = "# Files written by Broadsheet; it removes only files listed here."

    struct Report: Sendable {
        var written = 0
        var unchanged = 0
        var removed = 0
    }

    let folder: URL

    /// Refuses (as a usage error) an output folder Broadsheet must not build into.
    static func checkTarget(_ folder: URL, protecting protected: [URL], force: Bool) throws(UsageError) {
        let target = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let home = FileManager.default.homeDirectoryForCurrentUser.resolvingSymlinksInPath().standardizedFileURL.path
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path
        if target == "/" || target == home || target == project {
            throw UsageError("refusing to build into \(target): it is \(target == "/" ? "the file system root" : target == home ? "the home folder" : "the project folder"); choose a folder such as Public")
        }
        for folder in protected {
            let path = folder.resolvingSymlinksInPath().standardizedFileURL.path
            if path == target || path.hasPrefix(target + "/") {
                throw UsageError("refusing to build into \(target): it contains \(path), which Broadsheet reads from")
            }
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !force, !contents.isEmpty, !contents.contains(manifestName) {
            throw UsageError("refusing to build into \(target): it is not empty and Broadsheet did not create it (no \(manifestName)); empty it, choose another folder, or pass --force")
        }
    }

    func write(_ files: [OutputFile]) throws(BuildFailure) -> Report {
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure([.error(folder.path, "cannot create the output folder: \(error.localizedDescription)")])
        }
        let previous = readManifest()
        let root = folder.path
        let outcomes = files.parallelMap { file -> Result<Bool, Diagnostic> in
            let path = root + "/" + file.path
            if let existing = manager.contents(atPath: path), existing.elementsEqual(file.bytes) { return .success(false) }
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
                return .success(true)
            } catch {
                return .failure(.error(file.path, "cannot be written: \(error.localizedDescription)"))
            }
        }
        var report = Report()
        var problems: [Diagnostic] = []
        for outcome in outcomes {
            switch outcome {
            case .success(true): report.written += 1
            case .success(false): report.unchanged += 1
            case .failure(let diagnostic): problems.append(diagnostic)
            }
        }
        guard problems.isEmpty else { throw BuildFailure(problems) }

        let current = Set(files.map(\.path))
        for stale in previous.subtracting(current).sorted() where Self.isSafe(stale) {
            let url = folder.appendingPathComponent(stale)
            if (try? manager.removeItem(at: url)) != nil { report.removed += 1 }
            removeEmptyFolders(above: url)
        }
        let manifest = ([Self.manifestHeader] + current.sorted()).joined(separator: "\n") + "\n"
        let manifestURL = folder.appendingPathComponent(Self.manifestName)
        if manager.contents(atPath: manifestURL.path) != Data(manifest.utf8) {
            try? Data(manifest.utf8).write(to: manifestURL, options: .atomic)
        }
        return report
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

    private func removeEmptyFolders(above file: URL) {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        let root = self.folder.standardizedFileURL.path
        while folder.path.hasPrefix(root + "/"),
              (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }
}
