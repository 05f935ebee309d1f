import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A word choice after an edit, made from the last one instead of afresh (see `WordChoice`).
extension WordChoice {
    /// This choice after an edit, for articles as many as before and with the same `limit`.
    /// `kept[i]` is new article i's index in this choice when its words and hidden words are
    /// what they were (it keeps its choice unless a weight it depends on moves), else nil;
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
            // Each article's packed words searched for each such word (`memchr`, not a hash per word).
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
}
