import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The search index's word choice: for each article its most distinctive body words
/// by tf·idf (the weight rounded, `weight(documents:total:)`), and the table of every chosen word. At 10,000 articles that reads about
/// 2.5 million words, so it works on the articles' packed word bytes (`SearchWords`)
/// and counts documents per word in a `ByteWordCounts`, never making a `String` per
/// word; only chosen words become strings.
///
/// The build cache keeps the choice (`SearchIndexState`). After an edit, `updated` moves
/// the document counts by the words of the articles that changed, and chooses again only
/// for those and for the articles that have a word whose weight moved; every other article
/// keeps its words. The result is the choice a clean build makes (`SearchIndexTests`).
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
    private struct Word {
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

    /// This choice after an edit, for articles as many as before and with the same `limit`.
    /// `kept[i]` is new article i's index in this choice when its words and hidden words are
    /// what they were (it keeps its choice unless a count it depends on moves), else nil;
    /// `words[i]` are article i's words now; `hidden` holds the hidden words now of every
    /// article not kept; `gone` every article of this choice that no new one keeps, with
    /// the words it had. This choice's `vocabulary` is changed in place.
    func updated(kept: [Int?], words: [SearchWords], hidden: [Int: [String]], gone: [(article: Int, words: SearchWords)],
                 limit: Int) -> WordChoice {
        var moved: [Int32: Int] = [:]
        // The gone articles' candidates leave the counts, the new ones' join them.
        for (article, oldWords) in gone {
            for (id, _) in candidateIDs(oldWords, leaving: leftOut(article), adding: -1).ids { moved[id, default: 0] -= 1 }
        }
        var fresh: [Int: (ids: [(Int32, UInt16)], excluded: [UInt8])] = [:]
        for (article, hiddenWords) in hidden {
            let found = candidateIDs(words[article], leaving: LeftOut(hiddenWords), adding: 1)
            for (id, _) in found.ids { moved[id, default: 0] += 1 }
            fresh[article] = found
        }
        // The words whose weight moved (most counts that move by one keep their weight).
        let total = Self.total(words.count)
        let changed = Set(moved.compactMap { id, delta in
            let now = vocabulary.entries[Int(id)].count
            return delta != 0 && Self.weight(documents: now, total: total) != Self.weight(documents: now - delta, total: total) ? id : nil
        })

        // Kept articles with a word whose weight moved choose again; they are looked for only
        // when some such word has articles besides the new ones.
        let freshHolders = fresh.values.reduce(into: [Int32: Int]()) { holders, article in
            for (id, _) in article.ids where changed.contains(id) { holders[id, default: 0] += 1 }
        }
        var affected: [Int] = []
        if changed.contains(where: { vocabulary.entries[Int($0)].count > freshHolders[$0, default: 0] }) {
            // Each article's packed words searched for each such word (`memmem`, not a hash per word).
            let wanted = changed.map { Array(vocabulary.string(Int($0)).utf8) }
            let holds = Array(kept.indices).parallelMap { article in
                guard let before = kept[article] else { return false }
                return words[article].withPackedBytes { packed in
                    wanted.contains { word in
                        word.withUnsafeBufferPointer { word in
                            Self.packed(packed.assumingMemoryBound(to: UInt8.self), has: word)
                                && !excluded.withLists { Self.packed($0[before], has: word) }
                        }
                    }
                }
            }
            affected = kept.indices.filter { holds[$0] }
        }
        for article in affected {
            if let before = kept[article] { fresh[article] = candidateIDs(words[article], leaving: leftOut(before), adding: 0) }
        }

        // The new table: the words of the kept choices and the new ones.
        let best = fresh.mapValues { found in
            Self.best(found.ids.map(\.0), counts: found.ids.map(\.1), limit: limit, vocabulary: vocabulary) {
                Self.weight(documents: vocabulary.entries[Int($0)].count, total: total)
            }
        }
        var used = [Bool](repeating: false, count: vocabulary.count)
        chosen.withLists { chosen in
            for article in words.indices {
                if let ids = best[article] {
                    for id in ids { used[Int(id)] = true }
                } else if let before = kept[article] {
                    for place in chosen[before] { used[Int(table[Int(place)])] = true }
                }
            }
        }
        let newTable = Self.table(using: used, in: vocabulary, growing: table)
        let position = Self.positions(of: newTable, in: vocabulary)
        // Kept choices move with the words around them (in order), when any moved. (A word
        // no longer in the table is in no kept choice.)
        let moves = table.indices.allSatisfy { position[Int(table[$0])] == $0 || position[Int(table[$0])] < 0 }
            ? nil : table.map { position[Int($0)] }

        let newPlaces = best.mapValues { ids in ids.map { position[Int($0)] }.sorted() }
        // Where every article is where it was and the lists are the same, the old ones stay as they are.
        let inPlace = kept.count == chosen.count && kept.indices.allSatisfy { kept[$0] == nil || kept[$0] == $0 }
        let sameExcluded = inPlace && excluded.withLists { excluded in
            fresh.allSatisfy { article, found in kept[article] != nil || excluded[article].elementsEqual(found.excluded) }
        }
        let sameChosen = inPlace && moves == nil && chosen.withLists { chosen in newPlaces.allSatisfy { chosen[$0.key].elementsEqual($0.value) } }
        var newChosen = PackedLists<Int32>.Builder(lists: words.count, elements: sameChosen ? 0 : chosen.elements.count + limit * best.count)
        var newExcluded = PackedLists<UInt8>.Builder(lists: words.count, elements: sameExcluded ? 0 : excluded.elements.count + 1024)
        if !sameExcluded {
            excluded.withLists { excluded in
                newExcluded.append(kept, of: excluded) { fresh[$0]?.excluded ?? [] }
            }
        }
        if !sameChosen {
            chosen.withLists { chosen in
                // Copied where the choice and the table's order are what they were.
                let unchanged = moves == nil ? kept.indices.map { best[$0] == nil ? kept[$0] : nil } : Array(repeating: nil, count: kept.count)
                newChosen.append(unchanged, of: chosen) { article in
                    newPlaces[article] ?? kept[article].map { before in chosen[before].map { moves?[Int($0)] ?? $0 } } ?? []
                }
            }
        }
        return WordChoice(vocabulary: vocabulary, excluded: sameExcluded ? excluded : newExcluded.lists, table: newTable,
                          chosen: sameChosen ? chosen : newChosen.lists)
    }

    /// The words article `index` of this choice leaves out.
    private func leftOut(_ index: Int) -> LeftOut {
        excluded.withLists { LeftOut(packed: $0[index]) }
    }

    // MARK: Parts shared by a clean choice and an update

    /// The words of `buffer[range]` (packed; counts in `frequencies`) that `leftOut` does not
    /// have, and those it has, packed.
    private static func candidates(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, frequencies: [UInt16],
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

    /// An article's candidates as indices in `vocabulary`, each added there with `adding`
    /// (0 to look them up), with their counts; and its excluded words.
    private func candidateIDs(_ words: SearchWords, leaving leftOut: LeftOut, adding: Int) -> (ids: [(Int32, UInt16)], excluded: [UInt8]) {
        let frequencies = words.frequencies
        return words.withPackedBytes { packed in
            let buffer = packed.assumingMemoryBound(to: UInt8.self)
            let found = Self.candidates(in: buffer, 0..<buffer.count, frequencies: frequencies, leaving: leftOut)
            let ids = found.words.map { word in
                (Int32(vocabulary.add(UnsafeBufferPointer(rebasing: buffer[word.start..<word.start + word.length]), hash: word.hash, count: adding)), word.count)
            }
            return (ids, found.excluded)
        }
    }

    /// Whether `packed` (words, each followed by a space) has `word`: each place where its
    /// first byte starts a word (found with `memchr`) is compared with it.
    static func packed(_ packed: UnsafeBufferPointer<UInt8>, has word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = packed.baseAddress, let needle = word.baseAddress, let first = word.first else { return false }
        var offset = 0
        while offset + word.count <= packed.count,
              let found = memchr(base + offset, Int32(first), packed.count - offset - word.count + 1) {
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let end = start + word.count
            if start == 0 || packed[start - 1] == UInt8(ascii: " "), end == packed.count || packed[end] == UInt8(ascii: " "),
               memcmp(base + start, needle, word.count) == 0 {
                return true
            }
            offset = start + 1
        }
        return false
    }

    private static func total(_ articles: Int) -> Double { Double(max(1, articles)) }

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
    private static func best(_ ids: [Int32], counts: [UInt16], limit: Int, vocabulary: ByteWordCounts,
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
    private static func table(using used: [Bool], in vocabulary: ByteWordCounts, growing table: [Int32]) -> [Int32] {
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
    private static func positions(of table: [Int32], in vocabulary: ByteWordCounts) -> [Int32] {
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
private struct LeftOut {
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
