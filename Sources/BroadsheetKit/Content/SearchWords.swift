import Foundation

/// An article's indexable body words with their counts (what the search index chooses from), counted
/// once at parse time and kept in the build cache. Packed into one string and one array,
/// so the cache writes and loads them without a string per word; `key` tells a rebuild
/// whether they changed.
public struct SearchWords: Sendable, Hashable {
    /// The words in UTF-8 byte order, each followed by a space (words have no spaces).
    let packed: String
    /// Each word's count, in the same order, at most `UInt16.max`.
    let frequencies: [UInt16]
    /// Fingerprint of both.
    let key: UInt64

    /// From the cache (which stores `key` with the words); nil when the parts cannot belong together.
    init?(packed: String, frequencies: [UInt16], key: UInt64) {
        guard packed.isEmpty == frequencies.isEmpty, packed.isEmpty || packed.utf8.last == UInt8(ascii: " ") else { return nil }
        self.packed = packed
        self.frequencies = frequencies
        self.key = key
    }

    /// Counts the words of `text` (`SearchIndex.words(in:)`) that `SearchIndex.isIndexable`
    /// keeps. A body has about 800 words and 300 distinct ones: they are counted by their
    /// bytes (`ByteWordCounts`), and only distinct words become strings.
    init(countingWordsIn text: String) {
        var table = ByteWordCounts()
        SearchIndex.forEachWordBytes(in: text) { word in
            if word.count >= SearchIndex.minWordLength { table.add(word) }
        }
        let kept = table.sorted(table.entries.indices.filter { SearchIndex.isIndexable(table.string($0)) })
        var packed = [UInt8]()
        packed.reserveCapacity(kept.reduce(0) { $0 + Int(table.entries[$1].length) + 1 })
        for index in kept {
            packed += table.bytes(index)
            packed.append(UInt8(ascii: " "))
        }
        self.init(unchecked: String(decoding: packed, as: UTF8.self), frequencies: kept.map { UInt16(clamping: table.entries[$0].count) })
    }

    private init(unchecked packed: String, frequencies: [UInt16]) {
        self.packed = packed
        self.frequencies = frequencies
        var fingerprint = Fingerprint()
        fingerprint.add(packed)
        for frequency in frequencies { fingerprint.add(Int(frequency)) }
        key = fingerprint.value
    }
}
