import Foundation

/// The search index's word choice: for each article its most distinctive body words by
/// tf·idf (the weight rounded, `weight(documents:total:)`), and the table of every chosen
/// word. At 10,000 articles that reads about 2.5 million words, so it works on the
/// articles' packed word bytes (`SearchWords`) and counts documents per word in a
/// `ByteWordCounts`, never making a `String` per word; only chosen words become strings.
///
/// The build cache keeps the choice (`SearchIndexState`). After an edit, `updated`
/// (`WordChoiceUpdate.swift`) moves the document counts by the words of the articles that
/// changed, and chooses again only for those and for the articles that have a word whose
/// weight moved; every other article keeps its words. The result is the choice a clean
/// build makes (`SearchIndexUpdateTests`).
struct WordChoice: Sendable {
    /// Every word that is some article's candidate (a body word it does not already show
    /// as text), with `count` the number of such articles. After `updated`, a word no
    /// article has any more stays, with count 0. Changed only by `updated`.
    let vocabulary: ByteWordCounts
    /// Per article: the words it shows as text that its body has, which it leaves out
    /// (packed: each followed by a space).
    let excluded: PackedLists<UInt8>
    /// The indices in `vocabulary` of every chosen word, in UTF-8 order: the index's word table.
    let table: [Int32]
    /// Per article: the positions in `table` of its chosen words, ascending. (An update that
    /// adds or drops table words keeps the others in order, so kept lists stay sorted.)
    let chosen: PackedLists<Int32>

    init(vocabulary: ByteWordCounts, excluded: PackedLists<UInt8>, table: [Int32], chosen: PackedLists<Int32>) {
        (self.vocabulary, self.excluded, self.chosen, self.table) = (vocabulary, excluded, chosen, table)
    }

    /// The table's words.
    var words: [String] { table.map { vocabulary.string(Int($0)) } }

    /// A body word of one article: where its bytes are, its hash and count.
    struct Word {
        var start: Int
        var length: Int
        var hash: UInt64
        var count: UInt16
    }

    /// `words[i]` are article i's candidate words, `hidden[i]` the words it already shows as
    /// text (title, summary, topics; a short list, repeats allowed), which are left out; at
    /// most `limit` are chosen each.
    init(words: [SearchWords], hidden: [[String]], limit: Int) {
        // (Each word is followed by a space.)
        let (bytes, offsets) = Self.concatenated(words)

        // Pass 1 (parallel): each article's words, hashed, minus the hidden ones.
        let candidates = Array(words.indices).parallelMap { article in
            bytes.withUnsafeBufferPointer { buffer in
                Self.candidates(in: buffer, offsets[article]..<offsets[article + 1], frequencies: words[article].frequencies,
                                leaving: LeftOut(hidden[article]))
            }
        }

        // Pass 2: how many articles have each word; every word is now its index in `vocabulary`.
        let vocabulary = ByteWordCounts(capacity: 1 << 16)
        let ids: [[Int32]] = bytes.withUnsafeBufferPointer { buffer in
            candidates.map { article in
                article.words.map { Int32(vocabulary.add(UnsafeBufferPointer(rebasing: buffer[$0.start..<$0.start + $0.length]), hash: $0.hash)) }
            }
        }

        // Pass 3 (parallel): each article's best words.
        let total = Self.total(words.count)
        let weights = vocabulary.entries.map { Self.weight(documents: $0.count, total: total) }
        let best = Array(candidates.indices).parallelMap { article in
            Self.best(ids[article], counts: candidates[article].words.map(\.count), limit: limit, vocabulary: vocabulary) { weights[Int($0)] }
        }

        // Pass 4: the table of chosen words, and each article's positions in it.
        var used = [Bool](repeating: false, count: vocabulary.count)
        for id in best.joined() { used[Int(id)] = true }
        let table = Self.table(using: used, in: vocabulary, growing: [])
        let position = Self.positions(of: table, in: vocabulary)
        var excluded = PackedLists<UInt8>.Builder(lists: words.count, elements: candidates.reduce(0) { $0 + $1.excluded.count })
        var chosen = PackedLists<Int32>.Builder(lists: words.count, elements: best.reduce(0) { $0 + $1.count })
        for article in words.indices {
            excluded.append(candidates[article].excluded)
            chosen.append(best[article].map { position[Int($0)] }.sorted())
        }
        self.init(vocabulary: vocabulary, excluded: excluded.lists, table: table, chosen: chosen.lists)
    }

    // MARK: Parts shared with an update

    /// The words of `buffer[range]` (packed; counts in `frequencies`) that `leftOut` does not
    /// have, and those it has, packed.
    static func candidates(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, frequencies: [UInt16],
                           leaving leftOut: LeftOut) -> (words: [Word], excluded: [UInt8]) {
        var result: [Word] = [], excluded: [UInt8] = []
        result.reserveCapacity(frequencies.count)
        var start = range.lowerBound
        // Bounded by the article's own bytes: counts and words from the cache are not trusted to match.
        for count in frequencies where start < range.upperBound {
            // The word's end found and its hash made in one pass over its bytes.
            var end = start
            var hash = ByteWordCounts.emptyHash
            while end < range.upperBound, buffer[end] != UInt8(ascii: " ") {
                hash = ByteWordCounts.hash(hash, adding: buffer[end])
                end += 1
            }
            let word = UnsafeBufferPointer(rebasing: buffer[start..<end])
            if leftOut.contains(word, hash: hash) {
                excluded += word
                excluded.append(UInt8(ascii: " "))
            } else {
                result.append(Word(start: start, length: end - start, hash: hash, count: count))
            }
            start = end + 1
        }
        return (result, excluded)
    }

    static func total(_ articles: Int) -> Double { Double(max(1, articles)) }

    /// A word's weight: log(1 + articles ÷ articles with the word), rounded down to a
    /// multiple of `weightStep` (-1 for a word no article has). Rounded, the weight of a word
    /// that many articles have stays the same when an edit adds or removes it in one of them,
    /// and then no other article needs to choose again.
    static func weight(documents: Int, total: Double) -> Double {
        guard documents > 0 else { return -1 }
        return (log(1 + total / Double(documents)) / weightStep).rounded(.down) * weightStep
    }

    static let weightStep = 1.0 / 16

    /// The `limit` best of an article's candidates (`ids`, with `counts`) by count × `weight`,
    /// ties by bytes.
    static func best(_ ids: [Int32], counts: [UInt16], limit: Int, vocabulary: ByteWordCounts,
                     weight: (Int32) -> Double) -> [Int32] {
        guard ids.count > limit else { return ids }
        let scores = ids.indices.map { Double(counts[$0]) * weight(ids[$0]) }
        var ranked = BestOf<Int>(limit) { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : vocabulary.less(Int(ids[a]), Int(ids[b]))
        }
        for index in ids.indices { ranked.offer(index) }
        return ranked.elements.map { ids[$0] }
    }

    /// The words of `used` (by index in `vocabulary`), in UTF-8 order: `table`'s words that
    /// are still used, merged with the others.
    static func table(using used: [Bool], in vocabulary: ByteWordCounts, growing table: [Int32]) -> [Int32] {
        var used = used
        let kept = table.filter { used[Int($0)] }
        for id in kept { used[Int(id)] = false }
        let added = vocabulary.sorted(used.indices.filter { used[$0] }).map(Int32.init)
        guard !kept.isEmpty else { return added }
        var result: [Int32] = []
        result.reserveCapacity(kept.count + added.count)
        var (old, new) = (0, 0)
        while old < kept.count || new < added.count {
            if new == added.count || (old < kept.count && vocabulary.less(Int(kept[old]), Int(added[new]))) {
                result.append(kept[old])
                old += 1
            } else {
                result.append(added[new])
                new += 1
            }
        }
        return result
    }

    /// Per index in `vocabulary`, its position in `table` (-1 for words not there).
    static func positions(of table: [Int32], in vocabulary: ByteWordCounts) -> [Int32] {
        var position = [Int32](repeating: -1, count: vocabulary.count)
        for (index, id) in table.enumerated() { position[Int(id)] = Int32(index) }
        return position
    }

    /// The packed words of all articles in one buffer, and where each article's words begin
    /// (and, last, where they all end).
    private static func concatenated(_ words: [SearchWords]) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.reduce(0) { total, article in total + article.withPackedBytes(\.count) })
        var offsets = [0]
        offsets.reserveCapacity(words.count + 1)
        for article in words {
            article.withPackedBytes { bytes.append(contentsOf: $0) }
            offsets.append(bytes.count)
        }
        return (bytes, offsets)
    }
}

/// Words an article leaves out of its candidates, found by hash and then by bytes.
struct LeftOut {
    private let words: [(hash: UInt64, bytes: [UInt8])]
    private let filter: HashFilter

    private init(words: [[UInt8]]) {
        self.words = words.map { bytes in (bytes.withUnsafeBufferPointer(ByteWordCounts.hash), bytes) }
        filter = HashFilter(self.words.map(\.hash), bitCount: 256)
    }

    /// Words as text.
    init(_ hidden: [String]) {
        self.init(words: hidden.map { Array($0.utf8) })
    }

    /// Packed words, each followed by a space.
    init(packed: UnsafeBufferPointer<UInt8>) {
        self.init(words: packed.split(separator: UInt8(ascii: " ")).map(Array.init))
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        filter.mayContain(hash) && words.contains { $0.hash == hash && $0.bytes.elementsEqual(word) }
    }
}
