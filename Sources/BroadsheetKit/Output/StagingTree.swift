import Foundation

/// A folder of new files that the commit moves into the output: the staging folder, whose
/// files are renamed one by one, or a first build's whole site, made beside the output (in
/// a `SpreadFolder`, under a new random name) and renamed into place in one step. Nothing
/// in the output changes until the commit, so a first build writes its pages into its tree
/// as they render: none is held in memory (at 10,000 articles that was 237 MB of pages), and
/// a disk's time creating files overlaps the rendering.
struct StagingTree: Sendable {
    /// Files or folders that could not be made, each described for people.
    struct Failure: Error {
        let messages: [String]
    }

    let url: URL

    /// Makes the tree in `nursery` with the folders `paths` need.
    static func fresh(in nursery: URL, for paths: [String]) throws -> StagingTree {
        try FileManager.default.createDirectory(at: nursery.deletingLastPathComponent(), withIntermediateDirectories: true)
        try SpreadFolder.make(nursery.path)
        let tree = StagingTree(url: nursery.appendingPathComponent(UUID().uuidString))
        try tree.makeFolders(for: paths)
        return tree
    }

    /// Writes one file, whose folder exists; the error describes it for people.
    func write(_ file: OutputFile) -> String? {
        do {
            try PlainFile.create(url.path + "/" + file.path, bytes: file.bytes)
            return nil
        } catch {
            return "\(file.path) cannot be written: \(error)"
        }
    }

    /// Makes the tree, then the folders of `paths` inside it, one depth at a time and each depth
    /// in parallel. A first build at 10,000 articles makes about 11,000 folders, and made one at
    /// a time through `FileManager`, they took most of the write stage on a disk.
    func makeFolders(for paths: [String]) throws(Failure) {
        if mkdir(url.path, 0o755) != 0, errno != EEXIST {
            throw Failure(messages: ["\(POSIXFailure(operation: "mkdir", path: url.path, code: errno))"])
        }
        var byDepth: [[String]] = []
        var seen: Set<Substring> = []
        for path in paths {
            var depth = 0
            var rest = path.utf8.startIndex
            while let slash = path.utf8[rest...].firstIndex(of: UInt8(ascii: "/")) {
                let folder = path[..<slash]
                if depth == byDepth.count { byDepth.append([]) }
                if seen.insert(folder).inserted { byDepth[depth].append(String(folder)) }
                depth += 1
                rest = path.utf8.index(after: slash)
            }
        }
        let root = url.path
        for level in byDepth {
            let failures = level.parallelMap { folder -> String? in
                let path = root + "/" + folder
                if mkdir(path, 0o755) == 0 { return nil }
                let code = errno
                return code == EEXIST ? nil : "\(folder) cannot be made: \(POSIXFailure(operation: "mkdir", path: path, code: code))"
            }.compactMap { $0 }
            guard failures.isEmpty else { throw Failure(messages: failures) }
        }
    }

    /// Writes `files` into the tree, making their folders first, in parallel.
    func write(_ files: [OutputFile]) throws(Failure) {
        try makeFolders(for: files.map(\.path))
        let failures = files.parallelMap(write).compactMap { $0 }
        guard failures.isEmpty else { throw Failure(messages: failures) }
    }
}
