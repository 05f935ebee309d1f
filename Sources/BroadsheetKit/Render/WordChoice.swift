import Foundation

/// The search index's word choice: for each article its most distinctive body words
/// by tf·idf, and the table of every chosen word. At 10,000 articles that reads about
/// 2.5 million words, so it works on the articles' packed word bytes (`SearchWords`)
/// with a table keyed by bytes and precomputed hashes, never making a `String` per
/// word; only chosen words become strings.
struct WordChoice {
    /// Every chosen word, sorted by UTF-8 bytes.
    let table: [String]
    /// Per article, the positions in `table` of its chosen words, ascending.
    let chosen: [[Int]]

    /// A body word of one article: where its bytes are in `bytes`, its hash and count.
    private struct Word {
        var start: Int32
        var length: Int32
        var count: UInt16
        var hash: UInt64
    }

    /// `words[i]` are article i's candidate words, `hidden[i]` the words it already shows as
    /// text (title, summary, topics), which are left out; at most `limit` are chosen each.
    init(words: [SearchWords], hidden: [Set<String>], limit: Int) {
        // The packed words of all articles in one buffer (each word is followed by a space).
        let offsets = words.reduce(into: [0]) { offsets, article in offsets.append(offsets[offsets.count - 1] + article.packed.utf8.count) }
        let bytes = words.reduce(into: [UInt8]()) { bytes, article in
            bytes.reserveCapacity(offsets[offsets.count - 1])
            bytes.append(contentsOf: article.packed.utf8)
        }

        // Pass 1 (parallel): each article's words, hashed, minus the hidden ones.
        let candidates: [[Word]] = Array(words.indices).parallelMap { article in
            let hiddenHashes = hidden[article].map { Self.hash($0.utf8) }
            return bytes.withUnsafeBufferPointer { buffer -> [Word] in
                var result: [Word] = []
                result.reserveCapacity(words[article].frequencies.count)
                var start = offsets[article]
                for count in words[article].frequencies {
                    var end = start
                    while buffer[end] != UInt8(ascii: " ") { end += 1 }
                    let word = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    let hash = Self.hash(word)
                    if !(hiddenHashes.contains(hash) && hidden[article].contains(String(decoding: word, as: UTF8.self))) {
                        result.append(Word(start: Int32(start), length: Int32(end - start), count: count, hash: hash))
                    }
                    start = end + 1
                }
                return result
            }
        }

        // Pass 2: document frequencies, in a table keyed by the words' bytes.
        var frequencies = FrequencyTable(capacity: 1 << 16)
        let slots: [[Int32]] = bytes.withUnsafeBufferPointer { buffer in
            candidates.map { articleWords in articleWords.map { frequencies.add($0, in: buffer) } }
        }

        // Pass 3 (parallel): each article's best words by count × log(1 + articles ÷ documents with the word).
        let total = Double(max(1, words.count))
        let inverse = frequencies.documents.map { $0 == 0 ? 0 : log(1 + total / Double($0)) }
        let best: [[Int32]] = Array(candidates.indices).parallelMap { article in
            let articleWords = candidates[article], articleSlots = slots[article]
            guard articleWords.count > limit else { return articleSlots }
            let scores = articleWords.indices.map { Double(articleWords[$0].count) * inverse[Int(articleSlots[$0])] }
            return bytes.withUnsafeBufferPointer { buffer in
                let ranked = articleWords.indices.sorted { a, b in
                    scores[a] != scores[b] ? scores[a] > scores[b] : Self.less(articleWords[a], articleWords[b], in: buffer)
                }
                return ranked.prefix(limit).map { articleSlots[$0] }
            }
        }

        // Pass 4: the table of chosen words, and each article's positions in it.
        var used = [Bool](repeating: false, count: frequencies.documents.count)
        for slot in best.joined() { used[Int(slot)] = true }
        let tableSlots = bytes.withUnsafeBufferPointer { buffer in
            used.indices.filter { used[$0] }.sorted { Self.less(frequencies.first[$0], frequencies.first[$1], in: buffer) }
        }
        var position = [Int](repeating: -1, count: used.count)
        for (index, slot) in tableSlots.enumerated() { position[slot] = index }
        table = bytes.withUnsafeBufferPointer { buffer in
            tableSlots.map { slot in
                let word = frequencies.first[slot]
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(word.start)..<Int(word.start) + Int(word.length)]), as: UTF8.self)
            }
        }
        chosen = best.map { $0.map { position[Int($0)] }.sorted() }
    }

    /// FNV-1a, 64 bits.
    private static func hash<Bytes: Collection>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return value
    }

    /// Whether `a`'s bytes come before `b`'s (UTF-8 order, as `SearchIndex.utf8Less`).
    private static func less(_ a: Word, _ b: Word, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = Int(min(a.length, b.length))
        let order = memcmp(buffer.baseAddress! + Int(a.start), buffer.baseAddress! + Int(b.start), common)
        return order != 0 ? order < 0 : a.length < b.length
    }

    private static func same(_ a: Word, _ b: Word, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        a.hash == b.hash && a.length == b.length
            && memcmp(buffer.baseAddress! + Int(a.start), buffer.baseAddress! + Int(b.start), Int(a.length)) == 0
    }

    /// Open addressing with linear probing; a slot per distinct word, found by hash and bytes.
    private struct FrequencyTable {
        /// Per slot: the first occurrence of its word (length 0: empty) and its document count.
        var first: [Word]
        var documents: [Int32]
        /// Slot index per table position; -1 when free.
        private var positions: [Int32]
        private var mask: Int

        init(capacity: Int) {
            first = []
            documents = []
            positions = [Int32](repeating: -1, count: capacity)
            mask = capacity - 1
        }

        /// Counts one more document with `word`; returns the word's slot.
        mutating func add(_ word: Word, in buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
            if 2 * (first.count + 1) > positions.count { grow() }
            var position = Int(truncatingIfNeeded: word.hash) & mask
            while true {
                let slot = positions[position]
                if slot < 0 {
                    positions[position] = Int32(first.count)
                    first.append(word)
                    documents.append(1)
                    return Int32(first.count - 1)
                }
                if WordChoice.same(first[Int(slot)], word, in: buffer) {
                    documents[Int(slot)] += 1
                    return slot
                }
                position = (position + 1) & mask
            }
        }

        private mutating func grow() {
            positions = [Int32](repeating: -1, count: positions.count * 2)
            mask = positions.count - 1
            for (slot, word) in first.enumerated() {
                var position = Int(truncatingIfNeeded: word.hash) & mask
                while positions[position] >= 0 { position = (position + 1) & mask }
                positions[position] = Int32(slot)
            }
        }
    }
}
