/// The parse stage with the cache: files whose size and mtime match the cache
/// come from it; the others are read and hashed in parallel, and parsed and
/// classified unless their bytes are what the cache already has.
struct IncrementalParse {
    let listed: [FolderReader.Entry]
    let cache: BuildCache
    /// Files that must be read: new, changed, or not in the cache.
    let toRead: [FolderReader.Entry]
    private let sources: [SourceFile?]
    /// Files that could not be read.
    let unreadable: [Diagnostic]

    /// Reads the files that changed (the load stage's share of the work).
    init(_ listed: [FolderReader.Entry], cache: BuildCache) {
        self.listed = listed
        self.cache = cache
        let entries = cache.entries
        let stale = Array(listed.indices).parallelMap { entries[listed[$0].path]?.matches(listed[$0].status) != true }
        toRead = zip(listed, stale).filter(\.1).map(\.0)
        (sources, unreadable) = FolderReader.read(toRead)
    }

    /// Every listed file's entry, by path.
    func run(config: SiteConfig) -> SourceEntries {
        let reader = ArticleReader(config: config)
        let classifier = TopicClassifier(rules: config.topicRules, minHits: config.topicMinHits)
        let cached = cache.entries
        let parsed = sources.parallelMap { file -> BuildCache.Entry? in
            guard let file else { return nil }
            var hash = Fingerprint()
            hash.add(bytes: file.bytes)
            // Touched but not changed (a checkout, a copy): the same bytes parse the same.
            if let entry = cached[file.path], entry.hash == hash.value { return entry }
            var outcome = reader.read(file)
            if var article = outcome.article {
                if article.topics.isEmpty {
                    article.topics = classifier.topics(title: article.title, body: article.plainText)
                }
                // The body text has served its purposes; keep only what the search index needs.
                article.searchWords = SearchWords(countingWordsIn: article.plainText)
                article.plainText = ""
                outcome.article = article
            }
            return BuildCache.Entry(size: 0, seconds: 0, nanoseconds: 0, hash: hash.value, article: outcome.article, diagnostics: outcome.diagnostics)
        }
        // The cache's entries with the files read now put in: every listed file that was not
        // read has a matching entry there. Copying the tables is cheaper than filling new ones,
        // and only the tables of the shards that change are copied.
        var current = cache.entries
        var dropped = 0
        for (entry, fresh) in zip(toRead, parsed) {
            guard let fresh else {
                current[entry.path] = nil
                dropped += 1
                continue
            }
            current[entry.path] = fresh.stamped(entry.status)
        }
        if current.count != listed.count - dropped {   // files deleted since the cache was written
            let paths = Set(listed.map(\.path))
            current = current.filter(paths.contains)
        }
        return current
    }

    /// Paths whose cache entries differ from the last build's: parsed now, or gone.
    func changedPaths(comparedTo current: SourceEntries) -> Set<String> {
        Set(toRead.map(\.path) + cache.entries.paths.filter { current[$0] == nil })
    }
}
