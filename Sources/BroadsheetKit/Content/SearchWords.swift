/// An article's indexable body words with their counts (`SearchIndex.bodyWords`), counted
/// once at parse time and kept in the build cache. Packed into one string and one array,
/// so the cache writes and loads them without a string per word; `counts` unpacks them
/// when the search index is rebuilt, and `key` tells a rebuild whether they changed.
public struct SearchWords: Sendable, Hashable {
    /// The words in `String` order, each followed by a space (words have no spaces).
    let packed: String
    /// Each word's count, in the same order, at most `UInt16.max`.
    let frequencies: [UInt16]
    /// Fingerprint of both.
    let key: UInt64

    init(_ counts: [String: Int]) {
        let sorted = counts.sorted { $0.key < $1.key }
        var packed = ""
        packed.reserveCapacity(sorted.reduce(0) { $0 + $1.key.utf8.count + 1 })
        for (word, _) in sorted {
            packed += word
            packed += " "
        }
        self.init(unchecked: packed, frequencies: sorted.map { UInt16(clamping: $0.value) })
    }

    /// From the cache; nil when the two parts do not belong together.
    init?(packed: String, frequencies: [UInt16]) {
        guard packed.utf8.count { $0 == UInt8(ascii: " ") } == frequencies.count,
              packed.isEmpty || packed.utf8.last == UInt8(ascii: " ") else { return nil }
        self.init(unchecked: packed, frequencies: frequencies)
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
}
