import Foundation

/// The only stage that changes the output folder.
///
/// - Files whose bytes did not change are not touched (their mtime stays, so
///   `rsync` and bucket syncs upload only real changes).
/// - Files an earlier build wrote that this one does not are removed; a manifest
///   records what Broadsheet owns, and nothing else is ever deleted.
/// - Changed files are first written into a hidden staging folder. Only when all
///   of them are written does a journal record the commit, which then moves them
///   into place with one `rename` each (atomic per file). A failure or a kill before
///   the journal leaves the output exactly as it was (the next run removes the
///   staging folder); a kill during the commit's renames is finished by the next run.
struct OutputWriter {
    static let manifestName = ".broadsheet-manifest"
    static let journalName = ".broadsheet-journal"
    static let stagingName = ".broadsheet-staging"
    private static let manifestHeader = "# Files written by Broadsheet; it removes only files listed here."

    struct Report: Sendable {
        var written = 0
        var unchanged = 0
        var removed = 0
        /// Fingerprint of the manifest now in the output folder.
        var manifest: UInt64 = 0
    }

    let folder: URL
    private var staging: URL { folder.appendingPathComponent(Self.stagingName) }
    /// Beside the output, where a first build assembles the whole site under a new name, to be
    /// renamed into place in one step (`SpreadFolder` tells why).
    private var nursery: URL { folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).broadsheet-new") }
    private var journal: URL { folder.appendingPathComponent(Self.journalName) }

    /// Refuses (as a usage error) an output folder Broadsheet must not build into.
    static func checkTarget(_ folder: URL, protecting protected: [URL], force: Bool) throws(UsageError) {
        let target = folder.resolvingSymlinksInPath().standardizedFileURL.path
        // The home folder as the account database has it, and as $HOME (what `~` means) says.
        let homes = Set([FileManager.default.homeDirectoryForCurrentUser.path, ProcessInfo.processInfo.environment["HOME"]].compactMap { $0 }
            .filter { !$0.isEmpty }.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().standardizedFileURL.path })
        let project = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().standardizedFileURL.path
        if target == "/" || homes.contains(target) || target == project {
            let what = target == "/" ? "the file system root" : homes.contains(target) ? "the home folder" : "the project folder"
            throw UsageError("refusing to build into \(target): it is \(what); choose a folder such as Public")
        }
        for folder in protected {
            let path = folder.resolvingSymlinksInPath().standardizedFileURL.path
            if path == target || path.hasPrefix(target + "/") {
                throw UsageError("refusing to build into \(target): it contains \(path), which Broadsheet reads from")
            }
            if target.hasPrefix(path + "/") {
                throw UsageError("refusing to build into \(target): it is inside \(path), which Broadsheet reads from (each build would read its own output)")
            }
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !force, !contents.isEmpty, !contents.contains(manifestName) {
            throw UsageError("refusing to build into \(target): it is not empty and has no \(manifestName), so Broadsheet did not create it; empty it, choose another folder, or pass --force")
        }
    }

    /// Fingerprint of the manifest in the output folder; 0 when there is none.
    func manifestFingerprint() -> UInt64 {
        guard let data = PlainFile.read(folder.appendingPathComponent(Self.manifestName).path) else { return 0 }
        var fingerprint = Fingerprint()
        fingerprint.add(bytes: data)
        return fingerprint.value
    }

    /// Whether the next commit is a first build's (the output folder is missing or empty, and
    /// not a symlink): then every file is new, and the site is made beside the output.
    var isFirstBuild: Bool {
        let manager = FileManager.default
        let isLink = (try? manager.destinationOfSymbolicLink(atPath: folder.path)) != nil
        return !isLink && ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty
    }

    /// For a first build, the tree beside the output with the folders of `paths`, which the
    /// build writes them into as they render and hands to `write(_:unchanged:sameFiles:into:)`.
    /// (`recover()` must have run: it removes what a killed first build left.)
    func freshTree(for paths: [String]) throws(BuildFailure) -> StagingTree {
        do {
            return try StagingTree.fresh(in: nursery, for: paths)
        } catch {
            discardFreshTree()
            throw failure(error, "cannot make the new site beside the output folder")
        }
    }

    /// Removes a fresh tree a build will not commit.
    func discardFreshTree() {
        try? FileManager.default.removeItem(at: nursery)
    }

    /// Writes `files` and keeps `unchanged` (files an earlier build wrote and this
    /// one knows to be identical, so they are neither read nor written). `sameFiles`: the
    /// caller knows the manifest in the folder lists exactly these files, so it is kept
    /// as it is instead of being made again (sorting every path) to compare. `tree`: a first
    /// build's `freshTree`, holding `written`, which are written too.
    func write(_ files: [OutputFile], unchanged: [String] = [], sameFiles: Bool = false,
               into tree: StagingTree? = nil, written: [String] = []) throws(BuildFailure) -> Report {
        let existed = FileManager.default.fileExists(atPath: folder.path)
        do {
            if tree == nil { try recover() }
            return try commit(files, unchanged: unchanged, sameFiles: sameFiles, tree: tree, written: written)
        } catch {
            // Before the journal nothing in the output changed: drop what was staged (and the
            // folder, if this build made it). After it, keep the staging folder: the next run
            // finishes the commit from the journal.
            if !FileManager.default.fileExists(atPath: journal.path) {
                try? FileManager.default.removeItem(at: staging)
                if !existed { rmdir(folder.path) }
            }
            discardFreshTree()
            throw failure(error, "cannot update the output folder")
        }
    }

    /// `error` as a build failure about the output folder.
    private func failure(_ error: Error, _ what: String) -> BuildFailure {
        switch error {
        case let failure as BuildFailure: failure
        case let failure as StagingTree.Failure: BuildFailure(failure.messages.map { .error(folder.path, $0) })
        default: BuildFailure([.error(folder.path, "\(what): \(error)")])
        }
    }

    /// Finishes a commit a killed run left half done, and drops an unfinished staging folder.
    func recover() throws {
        if let text = try? String(contentsOf: journal, encoding: .utf8) {
            let lines = text.split(separator: "\n").map(String.init)
            try apply(moves: lines.filter { $0.hasPrefix("W ") }.map { String($0.dropFirst(2)) },
                      removals: lines.filter { $0.hasPrefix("D ") }.map { String($0.dropFirst(2)) })
        }
        try? FileManager.default.removeItem(at: staging)
        discardFreshTree()
    }

    private func commit(_ files: [OutputFile], unchanged: [String], sameFiles: Bool, tree: StagingTree?, written: [String]) throws -> Report {
        let manager = FileManager.default
        let root = folder.path
        // A first build: no file to keep, so nothing to compare, and the whole tree is
        // written beside the output and renamed into place, without a rename per file.
        let isFirst = isFirstBuild
        if tree != nil, !isFirst {
            throw BuildFailure([.error(root, "files appeared in the output folder during the build; expected only Broadsheet to write there (build again)")])
        }
        let changed = isFirst ? files.map { _ in true } : files.parallelMap { file in
            PlainFile.read(root + "/" + file.path).map { $0 != file.bytes } ?? true
        }
        let previous = PlainFile.read(root + "/" + Self.manifestName)
        let manifest: [UInt8]
        var stale: [String] = []
        if sameFiles, let previous {
            manifest = previous
        } else {
            let current = Set(files.map(\.path)).union(unchanged).union(written)
            manifest = Array((([Self.manifestHeader] + current.sorted()).joined(separator: "\n") + "\n").utf8)
            // The same manifest lists the same files: nothing to remove (the common rebuild).
            if previous != manifest { stale = Self.listed(in: previous).subtracting(current).filter(Self.isSafe).sorted() }
        }
        let manifestChanged = previous != manifest
        var fingerprint = Fingerprint()
        fingerprint.add(bytes: manifest)

        var report = Report()
        let changedCount = changed.count { $0 }
        report.written = changedCount + written.count
        report.unchanged = files.count - changedCount + unchanged.count
        report.removed = stale.count
        report.manifest = fingerprint.value
        guard report.written > 0 || !stale.isEmpty || manifestChanged else { return report }

        let toWrite = zip(files, changed).filter(\.1).map(\.0) + (manifestChanged ? [OutputFile(path: Self.manifestName, bytes: manifest)] : [])
        if isFirst {
            let tree = try tree ?? StagingTree.fresh(in: nursery, for: [])
            try tree.write(toWrite)
            if manager.fileExists(atPath: root) { try manager.removeItem(at: folder) }
            try manager.moveItem(at: tree.url, to: folder)
            try manager.removeItem(at: nursery)
            return report
        }
        try checkDestinations(toWrite.map(\.path), removable: Set(stale))
        try StagingTree(url: staging).write(toWrite)
        let entries = toWrite.map { "W " + $0.path } + stale.map { "D " + $0 }
        try PlainFile.create(journal.path, bytes: Array((entries.joined(separator: "\n") + "\n").utf8))
        try apply(moves: toWrite.map(\.path), removals: stale)
        return report
    }

    /// Every file must land in a real folder of the output: not through a symlink, and not
    /// where a file (other than a stale one of Broadsheet's, removed first) stands in the way
    /// of a folder, or a folder in the way of a file. Checked before the journal, so such a
    /// build fails with the output untouched instead of half way through its renames.
    private func checkDestinations(_ paths: [String], removable: Set<String>) throws(BuildFailure) {
        var folders: [Substring: Bool] = [:]  // folder → it exists as a real folder
        var problems: [Diagnostic] = []
        func problem(_ message: String) { problems.append(.error(folder.path, message)) }
        paths: for path in paths {
            var end = path.startIndex
            while let slash = path[end...].firstIndex(of: "/") {
                let parent = path[..<slash]
                end = path.index(after: slash)
                if let exists = folders[parent] {
                    if exists { continue } else { continue paths }
                }
                switch Self.kind(of: folder.path + "/" + parent) {
                case nil: folders[parent] = false; continue paths  // made by the commit
                case S_IFDIR: folders[parent] = true
                case S_IFLNK:
                    problem("\(parent) is a symlink, and \(path) would be written through it; expected a real folder (replace the link by a folder)")
                    continue paths
                default:
                    if removable.contains(String(parent)) { folders[parent] = false; continue paths }
                    problem("\(parent) is a file, but \(path) needs a folder there; expected a folder (move the file away)")
                    continue paths
                }
            }
            if Self.kind(of: folder.path + "/" + path) == S_IFDIR {
                problem("\(path) is a folder, but the site has a file there; expected no folder (move it away)")
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }

    /// The file type (`S_IFDIR`, `S_IFLNK`, …) at `path`, not following a symlink; nil when nothing is there.
    private static func kind(of path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// The commit: stale files removed, staged files renamed into place, then the journal.
    /// A stale path is removed only if it is a file (never a folder) reached through real
    /// folders (never a symlink), so a damaged manifest cannot delete anything else.
    private func apply(moves: [String], removals: [String]) throws {
        let manager = FileManager.default
        for path in removals where Self.isSafe(path) && reachedThroughFolders(path) {
            let url = folder.appendingPathComponent(path)
            guard Self.kind(of: url.path).map({ $0 != S_IFDIR }) == true, unlink(url.path) == 0 else { continue }
            removeEmptyFolders(above: url)
        }
        var made: Set<String> = []
        for path in moves where Self.isSafe(path) || path == Self.manifestName {
            let source = staging.appendingPathComponent(path)
            guard manager.fileExists(atPath: source.path) else { continue }  // moved before a kill
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, made.insert(parent).inserted {
                try manager.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
            }
            guard rename(source.path, folder.appendingPathComponent(path).path) == 0 else {
                throw POSIXFailure(operation: "rename", path: path, code: errno)
            }
        }
        try? manager.removeItem(at: journal)
        try? manager.removeItem(at: staging)
    }

    /// Whether every folder above `path` (inside the output) is a real folder.
    private func reachedThroughFolders(_ path: String) -> Bool {
        var parent = (path as NSString).deletingLastPathComponent
        while !parent.isEmpty {
            guard Self.kind(of: folder.path + "/" + parent) == S_IFDIR else { return false }
            parent = (parent as NSString).deletingLastPathComponent
        }
        return true
    }

    /// The files a manifest lists.
    private static func listed(in manifest: [UInt8]?) -> Set<String> {
        guard let manifest, let text = String(bytes: manifest, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") })
    }

    /// A path is trusted only if it stays inside the output folder and is not one of the writer's own.
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.hasPrefix(".broadsheet-")
            && !path.split(separator: "/").contains { $0 == ".." || $0 == "." }
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
