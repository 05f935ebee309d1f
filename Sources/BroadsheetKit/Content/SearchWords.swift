import Foundation

/// An article's indexable body words with their counts (what the search index chooses from), counted
/// once at parse time and kept in the build cache. Packed into one string and one array,
/// so the cache writes and loads them without a string per word; `counts` unpacks them
/// when needed, and `key` tells a rebuild whether they changed.
public struct SearchWords: Sendable, Hashable {
    /// The words, each followed by a space (words have no spaces), in a fixed order: by
    /// a stable hash of their bytes, then by bytes (sorting by bytes alone cost a third of counting).
    let packed: String
    /// Each word's count, in the same order, at most `UInt16.max`.
    let frequencies: [UInt16]
    /// Fingerprint of both.
    let key: UInt64

    init(_ counts: [String: Int]) {
        var table = ByteCounts()
        for (word, count) in counts {
            var word = word
            word.withUTF8 { table.add($0, count: count) }
        }
        self.init(table, keeping: Array(table.words.indices))
    }

    /// From the cache (which stores `key` with the words); nil when the parts cannot belong together.
    init?(packed: String, frequencies: [UInt16], key: UInt64) {
        guard packed.isEmpty == frequencies.isEmpty, packed.isEmpty || packed.utf8.last == UInt8(ascii: " ") else { return nil }
        self.packed = packed
        self.frequencies = frequencies
        self.key = key
    }

    /// Counts the words of `text` (`SearchIndex.words(in:)`) that `SearchIndex.isIndexable`
    /// keeps. A body has about 800 words and 300 distinct ones: they are counted by their
    /// bytes in a small hash table, and only distinct words become strings.
    init(countingWordsIn text: String) {
        var table = ByteCounts()
        SearchIndex.forEachWordBytes(in: text) { word in
            if word.count >= SearchIndex.minWordLength { table.add(word) }
        }
        self.init(table, keeping: table.words.indices.filter { SearchIndex.isIndexable(table.string($0)) })
    }

    private init(_ table: ByteCounts, keeping indices: [Int]) {
        let kept = table.sorted(indices)
        var packed = [UInt8]()
        packed.reserveCapacity(kept.reduce(0) { $0 + Int(table.words[$1].length) + 1 })
        for index in kept {
            packed += table.bytes(index)
            packed.append(UInt8(ascii: " "))
        }
        self.init(unchecked: String(decoding: packed, as: UTF8.self), frequencies: kept.map { UInt16(clamping: table.words[$0].count) })
    }

    private init(unchecked packed: String, frequencies: [UInt16]) {
        self.packed = packed
        self.frequencies = frequencies
        var fingerprint = Fingerprint()
        fingerprint.add(packed)
        for frequency in frequencies { fingerprint.add(Int(frequency)) }
        key = fingerprint.value
    }

    var counts: [String: Int] {
        var counts: [String: Int] = [:]
        counts.reserveCapacity(frequencies.count)
        for (word, frequency) in zip(packed.utf8.split(separator: UInt8(ascii: " ")), frequencies) {
            counts[String(Substring(word))] = Int(frequency)
        }
        return counts
    }

    /// Distinct byte strings with their counts: open addressing over an arena of their bytes.
    private struct ByteCounts {
        struct Word {
            var start: Int
            var length: Int
            var hash: UInt64
            var count: Int
        }

        private(set) var words: [Word] = []
        private var arena: [UInt8] = []
        private var slots = [Int](repeating: -1, count: 512)

        mutating func add(_ word: UnsafeBufferPointer<UInt8>, count: Int = 1) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            var position = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[position] >= 0 {
                let index = slots[position]
                if words[index].hash == hash, words[index].length == word.count,
                   arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + words[index].start, word.baseAddress!, word.count) == 0 }) {
                    words[index].count += count
                    return
                }
                position = (position + 1) & (slots.count - 1)
            }
            slots[position] = words.count
            words.append(Word(start: arena.count, length: word.count, hash: hash, count: count))
            arena.append(contentsOf: word)
            if 2 * words.count > slots.count { grow() }
        }

        func bytes(_ index: Int) -> ArraySlice<UInt8> {
            arena[words[index].start..<words[index].start + words[index].length]
        }

        func string(_ index: Int) -> String {
            String(decoding: bytes(index), as: UTF8.self)
        }

        /// `indices` by their words' hashes, then bytes.
        func sorted(_ indices: [Int]) -> [Int] {
            arena.withUnsafeBufferPointer { arena in
                indices.sorted { a, b in
                    let (x, y) = (words[a], words[b])
                    if x.hash != y.hash { return x.hash < y.hash }
                    let order = memcmp(arena.baseAddress! + x.start, arena.baseAddress! + y.start, min(x.length, y.length))
                    return order != 0 ? order < 0 : x.length < y.length
                }
            }
        }

        private mutating func grow() {
            slots = [Int](repeating: -1, count: slots.count * 2)
            for (index, word) in words.enumerated() {
                var position = Int(truncatingIfNeeded: word.hash) & (slots.count - 1)
                while slots[position] >= 0 { position = (position + 1) & (slots.count - 1) }
                slots[position] = index
            }
        }
    }
}
