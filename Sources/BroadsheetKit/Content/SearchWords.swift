import Foundation

/// An article's indexable body words with their counts (what the search index chooses from), counted
/// once at parse time and kept in the build cache. Packed into one string and one array,
/// so the cache writes and loads them without a string per word; `key` tells a rebuild
/// whether they changed. Words from the cache stay in its mapped file until the search
/// index is rebuilt, which a rebuild after an edit that changes no words never does.
public struct SearchWords: Sendable, Hashable {
    private enum Storage: Sendable {
        case counted(packed: String, frequencies: [UInt16])
        /// UTF-8 words and little-endian `UInt16` counts in a cache file.
        case stored(SharedBytes, packed: Range<Int>, frequencies: Range<Int>)
    }

    private let storage: Storage
    /// Fingerprint of the words and their counts.
    let key: UInt64

    /// From the cache (which stores `key` with the words); nil when the parts cannot belong together.
    init?(_ bytes: SharedBytes, packed: Range<Int>, frequencies: Range<Int>, key: UInt64) {
        guard packed.isEmpty == frequencies.isEmpty, frequencies.count % 2 == 0 else { return nil }
        storage = .stored(bytes, packed: packed, frequencies: frequencies)
        self.key = key
    }

    /// The words in the order they first appear, each followed by a space (words have no spaces).
    var packed: String {
        switch storage {
        case .counted(let packed, _): packed
        case .stored(let bytes, let packed, _): bytes.string(packed)
        }
    }

    /// The UTF-8 bytes of `packed`.
    func withPackedBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        switch storage {
        case .counted(var packed, _): packed.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .stored(let bytes, let packed, _): body(UnsafeRawBufferPointer(rebasing: bytes.buffer[packed]))
        }
    }

    /// Each word's count, in the same order, at most `UInt16.max`.
    var frequencies: [UInt16] {
        switch storage {
        case .counted(_, let frequencies): frequencies
        case .stored(let bytes, _, let range):
            stride(from: range.lowerBound, to: range.upperBound, by: 2).map { UInt16(littleEndian: bytes.buffer.loadUnaligned(fromByteOffset: $0, as: UInt16.self)) }
        }
    }

    public static func == (a: SearchWords, b: SearchWords) -> Bool {
        a.key == b.key && a.packed == b.packed && a.frequencies == b.frequencies
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Counts the words of `text` (`SearchIndex.words(in:)`) that `SearchIndex.isIndexable`
    /// keeps. A body has about 800 words and 300 distinct ones: they are counted by their
    /// bytes (`ByteWordCounts`), and only distinct words become strings.
    init(countingWordsIn text: String) {
        // A body of n bytes has well under n / 16 distinct words.
        var table = ByteWordCounts(capacity: text.utf8.count / 8)
        SearchIndex.forEachWordBytes(in: text, into: &table) { table, word, hash in
            if word.count >= SearchIndex.minWordLength { table.add(word, hash: hash) }
        }
        // Written in place: a word and a space per entry at most.
        var packed = ""
        let frequencies = table.withWords { arena, entries in
            [UInt16](unsafeUninitializedCapacity: entries.count) { frequencies, kept in
                kept = 0
                packed = String(unsafeUninitializedCapacity: arena.count + entries.count) { output in
                    var length = 0
                    for entry in entries {
                        let word = UnsafeBufferPointer(rebasing: arena[entry.start..<entry.start + entry.length])
                        guard SearchIndex.isIndexable(word, hash: entry.hash) else { continue }
                        _ = UnsafeMutableBufferPointer(rebasing: output[length..<length + word.count]).initialize(fromContentsOf: word)
                        output[length + word.count] = UInt8(ascii: " ")
                        length += word.count + 1
                        frequencies[kept] = UInt16(clamping: entry.count)
                        kept += 1
                    }
                    return length
                }
            }
        }
        self.init(unchecked: packed, frequencies: frequencies)
    }

    private init(unchecked packed: String, frequencies: [UInt16]) {
        storage = .counted(packed: packed, frequencies: frequencies)
        var fingerprint = Fingerprint()
        fingerprint.add(packed)
        for frequency in frequencies { fingerprint.add(Int(frequency)) }
        key = fingerprint.value
    }
}
