import Foundation

/// Distinct words, as UTF-8 bytes, with a count each: open addressing over an arena of
/// their bytes, found by a 64-bit FNV-1a hash and then the bytes. Counting millions of
/// words with a `String` and a `Dictionary` lookup each was a large part of a build;
/// here only words that are kept become strings.
struct ByteWordCounts {
    struct Entry {
        var start: Int
        var length: Int
        var hash: UInt64
        var count: Int
    }

    private(set) var entries: [Entry] = []
    private var arena: [UInt8] = []
    private var slots: [Int]

    /// Room for `capacity` slots (rounded up to a power of two), so half as many words
    /// of about eight bytes are added without growing any of the arrays.
    init(capacity: Int = 512) {
        var count = 2
        while count < capacity { count *= 2 }
        slots = [Int](repeating: -1, count: count)
        entries.reserveCapacity(count / 2)
        arena.reserveCapacity(count * 4)
    }

    /// FNV-1a of no bytes.
    static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        bytes.reduce(emptyHash, hash(_:adding:))
    }

    /// `hash` of some bytes, then `byte`.
    @inline(__always)
    static func hash(_ hash: UInt64, adding byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Adds `count` to `word`'s count (`hash` is `Self.hash(word)`, when the caller has it);
    /// returns the word's index in `entries`.
    @discardableResult
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil, count: Int = 1) -> Int {
        let hash = hash ?? Self.hash(word)
        let (found, free) = find(word, hash: hash)
        if let found {
            entries[found].count += count
            return found
        }
        slots[free] = entries.count
        entries.append(Entry(start: arena.count, length: word.count, hash: hash, count: count))
        arena.append(contentsOf: word)
        if 2 * entries.count > slots.count { grow() }
        return entries.count - 1
    }

    /// The index of `word` in `entries`; nil when it is not there.
    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        find(word, hash: Self.hash(word)).found
    }

    /// The index of `word` in `entries`, or else the free slot where it goes. Millions of
    /// calls per build: it reads the three arrays through pointers, without bounds checks
    /// or reference counting on each access.
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int?, free: Int) {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { arena in
                    let mask = slots.count - 1
                    var position = Int(truncatingIfNeeded: hash) & mask
                    while slots[position] >= 0 {
                        let entry = entries[slots[position]]
                        if entry.hash == hash, entry.length == word.count,
                           word.isEmpty || memcmp(arena.baseAddress! + entry.start, word.baseAddress!, word.count) == 0 {
                            return (slots[position], position)
                        }
                        position = (position + 1) & mask
                    }
                    return (nil, position)
                }
            }
        }
    }

    /// Every word's bytes (`arena[entry.start..<entry.start + entry.length]`) and entry, in one access.
    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Entry>) -> Result) -> Result {
        arena.withUnsafeBufferPointer { arena in entries.withUnsafeBufferPointer { body(arena, $0) } }
    }

    func bytes(_ index: Int) -> ArraySlice<UInt8> {
        arena[entries[index].start..<entries[index].start + entries[index].length]
    }

    func string(_ index: Int) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    /// Whether word `a`'s bytes come before word `b`'s (UTF-8 order, as `SearchIndex.utf8Less`).
    func less(_ a: Int, _ b: Int) -> Bool {
        arena.withUnsafeBufferPointer { Self.less(entries[a], entries[b], in: $0) }
    }

    /// `indices` in the UTF-8 byte order of their words.
    func sorted(_ indices: [Int]) -> [Int] {
        arena.withUnsafeBufferPointer { arena in indices.sorted { Self.less(entries[$0], entries[$1], in: arena) } }
    }

    private static func less(_ a: Entry, _ b: Entry, in arena: UnsafeBufferPointer<UInt8>) -> Bool {
        let order = memcmp(arena.baseAddress! + a.start, arena.baseAddress! + b.start, min(a.length, b.length))
        return order != 0 ? order < 0 : a.length < b.length
    }

    private mutating func grow() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        for (index, entry) in entries.enumerated() {
            var position = Int(truncatingIfNeeded: entry.hash) & (slots.count - 1)
            while slots[position] >= 0 { position = (position + 1) & (slots.count - 1) }
            slots[position] = index
        }
    }
}

/// Word hashes (`ByteWordCounts.hash`) in a bit table, one bit each: a word whose bit is
/// clear is certainly not among them, found without hashing it again or comparing it
/// with each (a one-hash Bloom filter). The stopwords and an article's shown words are
/// checked against millions of words a build.
struct HashFilter {
    private var bits: [UInt64]

    /// `bitCount` is rounded up to a power of two, at least 64.
    init(_ hashes: some Sequence<UInt64>, bitCount: Int) {
        var words = 1
        while words * 64 < bitCount { words *= 2 }
        bits = [UInt64](repeating: 0, count: words)
        for hash in hashes { insert(hash) }
    }

    private mutating func insert(_ hash: UInt64) {
        let bit = Int(truncatingIfNeeded: hash) & (bits.count * 64 - 1)
        bits[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// False when `hash` is certainly not in the filter.
    func mayContain(_ hash: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: hash) & (bits.count * 64 - 1)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
