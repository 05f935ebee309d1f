/// Every page's fingerprint from the last build, in the order its plan listed the pages,
/// with `layout`, a fingerprint of that list of files (and the theme's static files). A
/// rebuild that plans the same files, as an edit that adds or removes no page does,
/// compares keys by position: it decodes and hashes none of the 13,700 paths of a
/// 10,000-article site, and knows the paths passed `PathClaims` already.
struct PageKeys {
    let layout: UInt64
    let keys: [UInt64]
    /// The files of `keys`, in the same order; decoded only when a plan differs.
    private let files: Files

    /// Where the files are: in memory, or in a cache file not yet read.
    enum Files {
        case listed([String])
        case stored(path: String)
    }

    /// No pages: every page is stale.
    static let none = PageKeys(layout: 0, keys: [], files: .listed([]))

    init(layout: UInt64, keys: [UInt64], files: Files) {
        self.layout = layout
        self.keys = keys
        self.files = files
    }

    static func layout(of files: [String], staticFiles: [String]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(files.count)
        for file in files { fingerprint.add(file) }
        for file in staticFiles { fingerprint.add(file) }
        return fingerprint.value
    }

    /// Whether each of `keys` (the pages of `files`, laid out as `layout`) differs from the last build's.
    func stale(_ keys: [UInt64], files: [String], layout: UInt64) -> [Bool] {
        if layout == self.layout, keys.count == self.keys.count { return zip(keys, self.keys).map { $0 != $1 } }
        guard let previous = previousFiles(), previous.count == self.keys.count else { return keys.map { _ in true } }
        let byFile = Dictionary(zip(previous, self.keys), uniquingKeysWith: { first, _ in first })
        return zip(files, keys).map { byFile[$0] != $1 }
    }

    /// This build's keys for `files`, laid out as `layout`. When that is the layout of these
    /// keys, the files are the same, and stay where they are (the cache does not write them again).
    func followed(by keys: [UInt64], files: [String], layout: UInt64) -> PageKeys {
        PageKeys(layout: layout, keys: keys, files: layout == self.layout ? self.files : .listed(files))
    }

    /// The files when they are in memory (to be written to the cache).
    var listedFiles: [String]? {
        if case .listed(let files) = files { files } else { nil }
    }

    /// The files, read from the cache when they were left there.
    private func previousFiles() -> [String]? {
        switch files {
        case .listed(let files): return files
        case .stored(let path):
            guard let bytes = SharedBytes(mapping: path) else { return nil }
            var reader = BinaryReader(bytes)
            return reader.strings()
        }
    }
}
