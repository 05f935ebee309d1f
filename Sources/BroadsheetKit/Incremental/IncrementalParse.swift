/// The parse stage with the cache: files whose size and mtime match the cache
/// come from it; the others are read and hashed in parallel, and parsed and
/// classified unless their bytes are what the cache already has.
struct IncrementalParse {
    let listed: [FolderReader.Entry]
    let cache: BuildCache
    /// Per listed file, its entry in the cache (the one lookup by path a build makes).
    private let cached: [BuildCache.Entry?]
    /// Indices into `listed` of the files that must be read: new, changed, or not in the cache.
    private let stale: [Int]
    /// Whether the cache has files that are no longer listed.
    private let hasGoneFiles: Bool

    /// What the parse stage gives: every listed file's entry by path, and in `listed` order
    /// (nil for a file that could not be read); and the files that could not be read.
    struct Outcome {
        var entries: SourceEntries
        var listed: [BuildCache.Entry?]
        var unreadable: [Diagnostic]
    }

    /// Finds the files that must be read (the load stage's share of the work).
    init(_ listed: [FolderReader.Entry], cache: BuildCache) {
        self.listed = listed
        self.cache = cache
        let entries = cache.entries
        let cached = Array(listed.indices).parallelMap { entries[listed[$0].path] }
        (self.cached, stale) = (cached, listed.indices.filter { cached[$0]?.matches(listed[$0].status) != true })
        hasGoneFiles = cached.count { $0 != nil } != entries.count
    }

    /// The files that must be read.
    var toRead: [FolderReader.Entry] { stale.map { listed[$0] } }

    /// Reads, hashes and parses the files that must be read; the rest come from the cache.
    func run(config: SiteConfig) -> Outcome {
        let reader = ArticleReader(config: config)
        let classifier = TopicClassifier(rules: config.topicRules, minHits: config.topicMinHits)
        // Each file is read where it is parsed: a read stage of its own left a core idle
        // while the other waited on the kernel.
        let parsed = Array(stale.indices).parallelMap { index -> BuildCache.Entry? in
            guard let file = FolderReader.read(listed[stale[index]]) else { return nil }
            var hash = Fingerprint()
            hash.add(bytes: file.bytes)
            // Touched but not changed (a checkout, a copy): the same bytes parse the same.
            if let entry = cached[stale[index]], entry.hash == hash.value { return entry }
            var outcome = reader.read(file)
            if var article = outcome.article {
                if article.topics.isEmpty {
                    article.topics = classifier.topics(title: article.title, body: article.plainText)
                }
                // The body text has served its purposes; keep only what the search index needs.
                article.searchWords = SearchWords(countingWordsIn: article.plainText)
                article.plainText = ""
                article.sourceHash = hash.value
                outcome.article = article
            }
            return BuildCache.Entry(size: 0, seconds: 0, nanoseconds: 0, hash: hash.value, article: outcome.article, diagnostics: outcome.diagnostics)
        }
        // The cache's entries with the files read now put in: every listed file that was not
        // read has a matching entry there. Copying the tables is cheaper than filling new ones,
        // and only the tables of the shards that change are copied.
        var current = cache.entries
        var inOrder = cached
        for (index, fresh) in zip(stale, parsed) {
            let entry = fresh?.stamped(listed[index].status)
            current[listed[index].path] = entry
            inOrder[index] = entry
        }
        if hasGoneFiles {   // files deleted since the cache was written
            let paths = Set(listed.map(\.path))
            current = current.filter(paths.contains)
        }
        let unreadable = zip(stale, parsed).filter { $0.1 == nil }.map { FolderReader.unreadable(listed[$0.0]) }
        return Outcome(entries: current, listed: inOrder, unreadable: unreadable)
    }

    /// Paths whose cache entries differ from the last build's: parsed now, or gone.
    func changedPaths(comparedTo current: SourceEntries) -> Set<String> {
        let read = Set(toRead.map(\.path))
        guard hasGoneFiles else { return read }
        return read.union(cache.entries.paths.filter { current[$0] == nil })
    }
}
