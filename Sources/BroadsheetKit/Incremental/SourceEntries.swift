/// The parsed sources by path, in one table per shard of the build cache (`BuildCache.shard(of:)`),
/// as the cache stores them: loading the cache puts each shard's table in place instead of
/// merging 64 tables into one, and a rebuild that changes a few files copies the tables of
/// their shards, not a table of every file.
struct SourceEntries: Sendable {
    private(set) var shards: [[String: BuildCache.Entry]]

    init() {
        shards = Array(repeating: [:], count: BuildCache.shardCount)
    }

    /// `shards[n]` holds paths of shard `n`; an entry filed under another shard is never found.
    init(shards: [[String: BuildCache.Entry]]) {
        precondition(shards.count == BuildCache.shardCount)
        self.shards = shards
    }

    subscript(path: String) -> BuildCache.Entry? {
        get { shards[BuildCache.shard(of: path)][path] }
        set { shards[BuildCache.shard(of: path)][path] = newValue }
    }

    var count: Int { shards.reduce(0) { $0 + $1.count } }

    var paths: [String] { shards.flatMap(\.keys) }

    /// The entries whose paths `isIncluded` accepts.
    func filter(_ isIncluded: (String) -> Bool) -> SourceEntries {
        SourceEntries(shards: shards.map { $0.filter { isIncluded($0.key) } })
    }
}
