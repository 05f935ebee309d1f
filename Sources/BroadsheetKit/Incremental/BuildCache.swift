import Foundation

/// What the last successful build knew, kept in a hidden folder beside the output
/// (`.Public.broadsheet-cache/`), so the next build re-reads and re-renders only
/// what changed. Anything unreadable or from another version is ignored: the
/// cache can only make a build faster, never different.
///
/// Files: `state` (the header), `pages` and `page-files` (`PageKeys`), and per shard of the
/// sources `sources-NN` (each file's stamps, diagnostics and article fields) with
/// `texts-NN` (the bodies and search words those entries point into), which is
/// mapped and read only where a page needs it.
struct BuildCache {
    /// A parsed (and classified) source file, valid while its size and mtime stay the same.
    /// A class: a build copies and merges tables of every entry, and copying a reference
    /// is one retain where copying an article retains each of its fields.
    final class Entry: Sendable {
        let size: Int
        let seconds: Int
        let nanoseconds: Int
        /// Stable hash of the file's bytes.
        let hash: UInt64
        let article: Article?
        let diagnostics: [Diagnostic]

        init(size: Int, seconds: Int, nanoseconds: Int, hash: UInt64, article: Article?, diagnostics: [Diagnostic]) {
            (self.size, self.seconds, self.nanoseconds) = (size, seconds, nanoseconds)
            self.hash = hash
            self.article = article
            self.diagnostics = diagnostics
        }

        /// The same parse, for the file as `status` now finds it.
        func stamped(_ status: FileStatus) -> Entry {
            Entry(size: status.size, seconds: status.seconds, nanoseconds: status.nanoseconds, hash: hash, article: article, diagnostics: diagnostics)
        }

        func matches(_ status: FileStatus) -> Bool {
            size == status.size && seconds == status.seconds && nanoseconds == status.nanoseconds
        }
    }

    /// Fingerprint of every input (file stamps, templates, config, options); equal means nothing to do.
    var inputs: UInt64 = 0
    /// Fingerprint of the manifest this build left in the output folder.
    var manifest: UInt64 = 0
    /// Fingerprint of the settings that shape parsing and classification.
    var parsing: UInt64 = 0
    /// What the last build reported, repeated when nothing changed.
    var articleCount = 0
    var fileCount = 0
    var warnings: [Diagnostic] = []
    var entries = SourceEntries()
    /// Each page's fingerprint of what it was rendered from.
    var pages = PageKeys.none
    /// The mapped `sources` files the entries were read from, kept with them: unmapping a
    /// file stops every core for a moment, so it waits until the cache is freed, after the build.
    private(set) var mappings: [SharedBytes] = []

    private static let format = "broadsheet-cache-9 " + BroadsheetVersion.build

    static func folder(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).broadsheet-cache")
    }

    /// Only the small header: enough to see that nothing changed.
    static func loadHeader(from folder: URL) -> BuildCache? {
        guard let data = SharedBytes(mapping: folder.appendingPathComponent("state").path) else { return nil }
        var reader = BinaryReader(data)
        guard reader.string() == format, let inputs = reader.uint64(), let manifest = reader.uint64(), let parsing = reader.uint64(),
              let articleCount = reader.int(), let fileCount = reader.int(), let warnings = readDiagnostics(&reader)
        else { return nil }
        return BuildCache(inputs: inputs, manifest: manifest, parsing: parsing, articleCount: articleCount, fileCount: fileCount, warnings: warnings)
    }

    /// Parsed sources are kept in shards by path, so a build that re-parsed a few
    /// files rewrites a few shards, not the whole cache.
    static let shardCount = 64

    static func shard(of path: String) -> Int {
        Int(Fingerprint.of(path) % UInt64(shardCount))
    }

    private static func shardFile(_ shard: Int, in folder: String, _ kind: String = "sources") -> String {
        folder + "/" + kind + "-" + shard.zeroPadded(2)
    }

    /// The header, the parsed sources and the page fingerprints.
    static func load(from folder: URL) -> BuildCache? {
        guard var cache = loadHeader(from: folder),
              let pages = SharedBytes(mapping: folder.appendingPathComponent("pages").path),
              let fingerprints = readPages(BinaryReader(pages), files: folder.appendingPathComponent("page-files").path)
        else { return nil }
        let folderPath = folder.path
        let shards = Array(0..<shardCount).parallelMap { shard -> (entries: [String: Entry], sources: SharedBytes?)? in
            guard let sources = SharedBytes(mapping: shardFile(shard, in: folderPath)) else { return ([:], nil) }
            guard let texts = SharedBytes(mapping: shardFile(shard, in: folderPath, "texts")) else { return nil }
            return readEntries(BinaryReader(sources), texts: texts).map { ($0, sources) }
        }
        var loaded: [[String: Entry]] = []
        for shard in shards {
            guard let shard else { return nil }
            loaded.append(shard.entries)
            if let sources = shard.sources { cache.mappings.append(sources) }
        }
        cache.entries = SourceEntries(shards: loaded)
        cache.pages = fingerprints
        return cache
    }

    /// Writes the sources' entries, the first half of saving the cache: only the shards holding
    /// `changed` paths when given, every shard otherwise. The header is removed first, so the
    /// cache is not valid until `saveHeader` writes it. A build does this while it renders:
    /// the entries are known once it has parsed.
    static func saveSources(_ entries: SourceEntries, to folder: URL, changed: Set<String>?) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("state"))
        let folderPath = folder.path
        let shards = changed.map { Set($0.map(Self.shard(of:))) } ?? Set(0..<Self.shardCount)
        let failures = shards.sorted().parallelMap { shard -> Error? in
            var sources = BinaryWriter(), texts: [UInt8] = []
            let shardEntries = entries.shards[shard].sorted { $0.key < $1.key }
            for (path, entry) in shardEntries { Self.write(entry, path: path, into: &sources, texts: &texts) }
            var header = BinaryWriter()
            header.write(texts.count)
            header.write(shardEntries.count)
            // New files, not rewritten ones: this build's articles may still read the old texts' mapping.
            for (kind, bytes) in [("texts", texts), ("sources", header.bytes + sources.bytes)] {
                let file = Self.shardFile(shard, in: folderPath, kind)
                unlink(file)
                do { try PlainFile.create(file, bytes: bytes) } catch { return error }
            }
            return nil
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Writes the page keys and, last, the header, which names the other files valid (after `saveSources`).
    func saveHeader(to folder: URL) throws {
        var state = BinaryWriter()
        state.write(Self.format)
        state.write(inputs)
        state.write(manifest)
        state.write(parsing)
        state.write(articleCount)
        state.write(fileCount)
        Self.write(warnings, into: &state)
        var pageKeys = BinaryWriter()
        pageKeys.write(pages.layout)
        pageKeys.write(pages.keys.count)
        for key in pages.keys { pageKeys.write(key) }
        // (Files left where they are, when the layout is the last build's, are not written again.)
        let pageFiles = pages.listedFiles.map { files in
            var writer = BinaryWriter()
            writer.write(files)
            return writer.bytes
        }
        try PlainFile.create(folder.appendingPathComponent("pages").path, bytes: pageKeys.bytes)
        if let pageFiles { try PlainFile.create(folder.appendingPathComponent("page-files").path, bytes: pageFiles) }
        try PlainFile.create(folder.appendingPathComponent("state").path, bytes: state.bytes)
    }

    /// The page keys; their files stay in `files` until a plan differs.
    private static func readPages(_ reader: BinaryReader, files: String) -> PageKeys? {
        var reader = reader
        guard let layout = reader.uint64(), let count = reader.count() else { return nil }
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = reader.uint64() else { return nil }
            keys.append(key)
        }
        return reader.atEnd ? PageKeys(layout: layout, keys: keys, files: .stored(path: files)) : nil
    }

    private static func write(_ entry: Entry, path: String, into writer: inout BinaryWriter, texts: inout [UInt8]) {
        writer.write(path)
        writer.write(entry.size)
        writer.write(entry.seconds)
        writer.write(entry.nanoseconds)
        writer.write(entry.hash)
        write(entry.diagnostics, into: &writer)
        writer.write(entry.article != nil)
        guard let article = entry.article else { return }
        writer.write(article.format.rawValue)
        writer.write(article.title)
        writer.write(article.date.timeIntervalSince1970)
        writer.write(article.topics)
        writer.write(article.summary)
        writer.write(article.author)
        writer.write(article.source)
        writer.write(article.sourceID)
        writer.write(article.sourceURL)
        writer.write(article.slug.value)
        writer.write(article.draft)
        let params = article.params.sorted { $0.key < $1.key }
        writer.write(params.map(\.key))
        writer.write(params.map(\.value))
        writer.write(range: article.bodyHTML.utf8, in: &texts)
        writer.write(article.plainText)
        writer.write(article.wordCount)
        writer.write(article.searchWords != nil)
        guard let words = article.searchWords else { return }
        words.withPackedBytes { writer.write(range: $0, in: &texts) }
        let frequencies = words.frequencies
        var counts: [UInt8] = []
        counts.reserveCapacity(2 * frequencies.count)
        for value in frequencies {   // little-endian
            counts.append(UInt8(truncatingIfNeeded: value))
            counts.append(UInt8(truncatingIfNeeded: value >> 8))
        }
        writer.write(range: counts, in: &texts)
        writer.write(words.key)
    }

    /// The entries of a `sources` file, whose bodies and words are in `texts`.
    private static func readEntries(_ reader: BinaryReader, texts: SharedBytes) -> [String: Entry]? {
        var reader = reader
        guard reader.int() == texts.buffer.count, let count = reader.count() else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = reader.string(), let size = reader.int(), let seconds = reader.int(), let nanoseconds = reader.int(),
                  let hash = reader.uint64(), let diagnostics = readDiagnostics(&reader), let hasArticle = reader.bool()
            else { return nil }
            var article: Article?
            if hasArticle {
                guard var parsed = readArticle(&reader, path: path, texts: texts) else { return nil }
                parsed.sourceHash = hash
                article = consume parsed
            }
            entries[path] = Entry(size: size, seconds: seconds, nanoseconds: nanoseconds, hash: hash, article: consume article, diagnostics: diagnostics)
        }
        return reader.atEnd ? entries : nil
    }

    private static func write(_ diagnostics: [Diagnostic], into writer: inout BinaryWriter) {
        writer.write(diagnostics.count)
        for diagnostic in diagnostics {
            writer.write(diagnostic.severity.rawValue)
            writer.write(diagnostic.path)
            writer.write(diagnostic.line ?? -1)
            writer.write(diagnostic.column ?? -1)
            writer.write(diagnostic.message)
        }
    }

    private static func readDiagnostics(_ reader: inout BinaryReader) -> [Diagnostic]? {
        guard let count = reader.count() else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<count {
            guard let severity = reader.string().flatMap(Diagnostic.Severity.init(rawValue:)), let file = reader.string(),
                  let line = reader.int(), let column = reader.int(), let message = reader.string()
            else { return nil }
            diagnostics.append(Diagnostic(severity, file, line: line < 0 ? nil : line, column: column < 0 ? nil : column, message))
        }
        return diagnostics
    }

    private static func readArticle(_ reader: inout BinaryReader, path: String, texts: SharedBytes) -> Article? {
        let size = texts.buffer.count
        guard let format = reader.string().flatMap(Article.Format.init(rawValue:)), let title = reader.string(),
              let seconds = reader.double(), let topics = reader.strings(), let summary = reader.string(),
              let author = reader.optionalString(), let source = reader.optionalString(), let sourceID = reader.optionalString(),
              let sourceURL = reader.optionalString(), let slug = reader.string().flatMap(Slug.init(stored:)), let draft = reader.bool(),
              let keys = reader.strings(), let values = reader.strings(), keys.count == values.count,
              let body = reader.range(within: size), let plainText = reader.string(), let wordCount = reader.int(), let hasWords = reader.bool()
        else { return nil }
        var searchWords: SearchWords?
        if hasWords {
            guard let packed = reader.range(within: size), let frequencies = reader.range(within: size), let key = reader.uint64(),
                  let words = SearchWords(texts, packed: packed, frequencies: frequencies, key: key)
            else { return nil }
            searchWords = words
        }
        return Article(sourcePath: path, format: format, title: title, date: Date(timeIntervalSince1970: seconds), topics: topics,
                       summary: summary, author: author, source: source, sourceID: sourceID, sourceURL: sourceURL, slug: slug,
                       draft: draft, params: Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first }), body: BodyHTML(texts, body),
                       plainText: plainText, wordCount: wordCount, searchWords: searchWords)
    }
}
