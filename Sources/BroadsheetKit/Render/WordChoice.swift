import Foundation

/// The search index's word choice: for each article its most distinctive body words
/// by tf·idf, and the table of every chosen word. At 10,000 articles that reads about
/// 2.5 million words, so it works on the articles' packed word bytes (`SearchWords`)
/// and counts documents per word in a `ByteWordCounts`, never making a `String` per
/// word; only chosen words become strings.
struct WordChoice {
    /// Every chosen word, sorted by UTF-8 bytes.
    let table: [String]
    /// Per article, the positions in `table` of its chosen words, ascending.
    let chosen: [[Int]]

    /// A body word of one article: where its bytes are in the buffer of all words, its hash and count.
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
        let candidates: [[Word]] = Array(words.indices).parallelMap { article in
            // Hashed in place, compared as UTF-8: no copy of the words.
            let hiddenWords = hidden[article].map { text in
                var text = text
                return (hash: text.withUTF8(ByteWordCounts.hash), text: text)
            }
            let hiddenHashes = HashFilter(hiddenWords.map(\.hash), bitCount: 256)
            return bytes.withUnsafeBufferPointer { buffer -> [Word] in
                let frequencies = words[article].frequencies
                var result: [Word] = []
                result.reserveCapacity(frequencies.count)
                var start = offsets[article]
                // Bounded by the article's own bytes: counts and words from the cache are not trusted to match.
                let limit = offsets[article + 1]
                for count in frequencies where start < limit {
                    // The word's end found and its hash made in one pass over its bytes.
                    var end = start
                    var hash = ByteWordCounts.emptyHash
                    while end < limit, buffer[end] != UInt8(ascii: " ") {
                        hash = ByteWordCounts.hash(hash, adding: buffer[end])
                        end += 1
                    }
                    let word = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    if !(hiddenHashes.mayContain(hash) && hiddenWords.contains { $0.hash == hash && $0.text.utf8.elementsEqual(word) }) {
                        result.append(Word(start: start, length: end - start, hash: hash, count: count))
                    }
                    start = end + 1
                }
                return result
            }
        }

        // Pass 2: how many articles have each word; every word is now its index in `documents`.
        let documents = ByteWordCounts(capacity: 1 << 16)
        let ids: [[Int]] = bytes.withUnsafeBufferPointer { buffer in
            candidates.map { articleWords in
                articleWords.map { documents.add(UnsafeBufferPointer(rebasing: buffer[$0.start..<$0.start + $0.length]), hash: $0.hash) }
            }
        }

        // Pass 3 (parallel): each article's best words by count × log(1 + articles ÷ articles with the word).
        let total = Double(max(1, words.count))
        let inverse = documents.entries.map { log(1 + total / Double($0.count)) }
        let counted = documents
        let best: [[Int]] = Array(candidates.indices).parallelMap { article in
            let articleWords = candidates[article], articleIDs = ids[article]
            guard articleWords.count > limit else { return articleIDs }
            let scores = articleWords.indices.map { Double(articleWords[$0].count) * inverse[articleIDs[$0]] }
            var ranked = BestOf<Int>(limit) { a, b in
                scores[a] != scores[b] ? scores[a] > scores[b] : counted.less(articleIDs[a], articleIDs[b])
            }
            for index in articleWords.indices { ranked.offer(index) }
            return ranked.elements.map { articleIDs[$0] }
        }

        // Pass 4: the table of chosen words, and each article's positions in it.
        var used = [Bool](repeating: false, count: documents.entries.count)
        for id in best.joined() { used[id] = true }
        let tableIDs = documents.sorted(used.indices.filter { used[$0] })
        var position = [Int](repeating: -1, count: used.count)
        for (index, id) in tableIDs.enumerated() { position[id] = index }
        table = tableIDs.map(documents.string)
        chosen = best.map { $0.map { position[$0] }.sorted() }
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
