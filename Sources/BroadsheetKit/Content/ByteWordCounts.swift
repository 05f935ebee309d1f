import Foundation

/// Distinct words, as UTF-8 bytes, with a count each: open addressing over an arena of
/// their bytes, found by a 64-bit FNV-1a hash and then the bytes. Counting millions of
/// words with a `String` and a `Dictionary` lookup each was a large part of a build;
/// here only words that are kept become strings.
///
/// A class over raw storage: millions of adds a build, and arrays checked each one for
/// uniqueness and capacity (a quarter of counting a body's words). Filled by one owner;
/// shared between threads (`@unchecked Sendable`) only once filled, and then only read.
final class ByteWordCounts: @unchecked Sendable {
    struct Entry {
        var start: Int
        var length: Int
        var hash: UInt64
        var count: Int
    }

    /// Indices into `storage`, -1 where free; at most half are used.
    private var slots: UnsafeMutableBufferPointer<Int32>
    private var storage: UnsafeMutablePointer<Entry>
    private(set) var count = 0
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCount = 0
    private var arenaCapacity: Int

    /// Room for `capacity` slots (rounded up to a power of two), so half as many words
    /// of about eight bytes are added without growing.
    init(capacity: Int = 512) {
        var slotCount = 2
        while slotCount < capacity { slotCount *= 2 }
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1)
        storage = .allocate(capacity: slotCount / 2)
        arenaCapacity = slotCount * 4
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        storage.deallocate()
        arena.deallocate()
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

    /// The words' entries, in the order they were first added; valid until the next `add`.
    var entries: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(start: storage, count: count) }

    /// Adds `added` to `word`'s count (`hash` is `Self.hash(word)`, when the caller has it);
    /// returns the word's index in `entries`.
    @discardableResult
    func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil, count added: Int = 1) -> Int {
        let hash = hash ?? Self.hash(word)
        let (found, free) = find(word, hash: hash)
        if let found {
            storage[found].count += added
            return found
        }
        if arenaCount + word.count > arenaCapacity { growArena(toHold: arenaCount + word.count) }
        if let bytes = word.baseAddress { (arena + arenaCount).initialize(from: bytes, count: word.count) }
        slots[free] = Int32(count)
        (storage + count).initialize(to: Entry(start: arenaCount, length: word.count, hash: hash, count: added))
        arenaCount += word.count
        count += 1
        if 2 * count == slots.count { grow() }
        return count - 1
    }

    /// The index of `word` in `entries`; nil when it is not there.
    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        find(word, hash: Self.hash(word)).found
    }

    /// The index of `word` in `entries`, or else the free slot where it goes.
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (found: Int?, free: Int) {
        let mask = slots.count - 1
        var position = Int(truncatingIfNeeded: hash) & mask
        while slots[position] >= 0 {
            let index = Int(slots[position])
            let entry = storage[index]
            if entry.hash == hash, entry.length == word.count,
               word.isEmpty || memcmp(arena + entry.start, word.baseAddress!, word.count) == 0 {
                return (index, position)
            }
            position = (position + 1) & mask
        }
        return (nil, position)
    }

    /// Every word's bytes (`arena[entry.start..<entry.start + entry.length]`) and entry.
    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Entry>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: arena, count: arenaCount), entries)
    }

    func string(_ index: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: arena + storage[index].start, count: storage[index].length), as: UTF8.self)
    }

    /// Whether word `a`'s bytes come before word `b`'s (UTF-8 order, as `SearchIndex.utf8Less`).
    func less(_ a: Int, _ b: Int) -> Bool {
        let order = memcmp(arena + storage[a].start, arena + storage[b].start, min(storage[a].length, storage[b].length))
        return order != 0 ? order < 0 : storage[a].length < storage[b].length
    }

    /// `indices` in the UTF-8 byte order of their words.
    func sorted(_ indices: [Int]) -> [Int] {
        indices.sorted(by: less)
    }

    private func growArena(toHold needed: Int) {
        while arenaCapacity < needed { arenaCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
        bigger.initialize(from: arena, count: arenaCount)
        arena.deallocate()
        arena = bigger
    }

    private func grow() {
        let slotCount = 2 * slots.count
        let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: slotCount / 2)
        bigger.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1)
        let mask = slots.count - 1
        for index in 0..<count {
            var position = Int(truncatingIfNeeded: storage[index].hash) & mask
            while slots[position] >= 0 { position = (position + 1) & mask }
            slots[position] = Int32(index)
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
