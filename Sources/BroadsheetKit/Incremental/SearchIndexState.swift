import Foundation

/// What the last search index was made from, kept in the build cache (`search`) so that
/// the next build updates the index instead of making it again (`SearchIndex.render`):
/// per article, in the index's order, its source path, the fingerprint of what its entry
/// is made from, its words' key and where its entry is in the script; the script; and the
/// word choice. Each kind of value is one block of a `BlockFile`, so the state is saved
/// and loaded without a value per article.
struct SearchIndexState: Sendable {
    /// `SearchIndex`'s fingerprint of what every entry depends on besides its article.
    let context: UInt64
    /// UTF-8 source paths.
    let paths: PackedLists<UInt8>
    let keys: NumberColumn<UInt64>
    let wordsKeys: NumberColumn<UInt64>
    let script: NumberColumn<UInt8>
    /// Per article, where its entry starts in `script`, where its words' code starts (after
    /// its head) and where the entry ends (three numbers each).
    let entries: NumberColumn<Int>
    let choice: WordChoice

    /// Article `index`'s source path.
    func path(_ index: Int) -> String {
        paths.withLists { String(decoding: $0[index], as: UTF8.self) }
    }

    /// For each article now (`keys`; `path(index)` gives its source path), the index of the
    /// article here with the same key, which stands for its path too: where it was, or else
    /// the one with its path; nil when there is none. And whether every article has the path
    /// it had here.
    func kept(keys: [UInt64], path: (Int) -> String) -> (kept: [Int?], samePaths: Bool) {
        paths.withLists { oldPaths in
            self.keys.withBuffer { oldKeys in
                var kept = [Int?](repeating: nil, count: keys.count)
                var moved: [Int] = []
                for index in keys.indices {
                    if index < oldKeys.count, oldKeys[index] == keys[index] {
                        kept[index] = index
                        continue
                    }
                    var text = path(index)
                    if index >= oldPaths.count || !text.withUTF8({ $0.elementsEqual(oldPaths[index]) }) { moved.append(index) }
                }
                if !moved.isEmpty {
                    var taken = Set(kept.compactMap { $0 })
                    let byPath = Dictionary((0..<oldPaths.count).map { (String(decoding: oldPaths[$0], as: UTF8.self), $0) },
                                            uniquingKeysWith: { first, _ in first })
                    for index in moved {
                        if let old = byPath[path(index)], oldKeys[old] == keys[index], taken.insert(old).inserted { kept[index] = old }
                    }
                }
                return (kept, moved.isEmpty && keys.count == oldKeys.count)
            }
        }
    }

    /// The entries of a state's script, in place.
    struct Entries {
        let script: UnsafeBufferPointer<UInt8>
        /// `SearchIndexState.entries`.
        let offsets: UnsafeBufferPointer<Int>
        let chosen: PackedLists<Int32>.Lists

        /// Where article `index`'s entry starts, where its words' code starts, and where it ends.
        func offsets(of index: Int) -> (start: Int, words: Int, end: Int) {
            (offsets[3 * index], offsets[3 * index + 1], offsets[3 * index + 2])
        }
    }

    /// Calls `body` with `state`'s entries (nil without a state).
    static func withEntries<Result>(of state: SearchIndexState?, _ body: (Entries?) -> Result) -> Result {
        guard let state else { return body(nil) }
        return state.script.withBuffer { script in
            state.entries.withBuffer { offsets in
                state.choice.chosen.withLists { chosen in body(Entries(script: script, offsets: offsets, chosen: chosen)) }
            }
        }
    }

    /// The search index for `site` (`entryKeys` as `PageFingerprints` made them), updated
    /// from the state a last build kept in `folder` when `lastSources` (that build's cache
    /// entries, which hold the words its articles had) are given; and its state, for `save`.
    /// (A state that cannot be saved is not there for the next build, which then chooses afresh.)
    static func make(_ site: Site, entryKeys: [UInt64], cache folder: URL, lastSources: SourceEntries?) -> (script: [UInt8], state: SearchIndexState) {
        let previous = lastSources == nil ? nil : load(from: folder)
        return SearchIndex.render(site, entryKeys: entryKeys, previous: previous) { lastSources?[$0]?.article?.searchWords }
    }

    private static let format = "broadsheet-search-2 " + BroadsheetVersion.build

    private static func file(in folder: URL) -> String { folder.appendingPathComponent("search").path }

    /// Writes the state, with only the words some article still has.
    func save(to folder: URL) throws {
        let vocabulary = choice.vocabulary
        var renumbered = [Int32](repeating: 0, count: vocabulary.count)
        var words = PackedLists<UInt8>.Builder(lists: vocabulary.count, elements: 0), counts: [Int] = []
        vocabulary.withWords { arena, entries in
            for (index, entry) in entries.enumerated() where entry.count > 0 {
                renumbered[index] = Int32(counts.count)
                words.append(arena[entry.start..<entry.start + entry.length])
                counts.append(entry.count)
            }
        }
        var header = BinaryWriter()
        header.write(Self.format)
        header.write(context)
        let lists = [words.lists, paths, choice.excluded]
        let blocks: [any RawBlock] = lists.flatMap { [$0.elements, $0.ends] as [any RawBlock] } + [
            NumberColumn.owned(counts), NumberColumn.owned(choice.table.map { renumbered[Int($0)] }), keys, wordsKeys, script, entries,
            choice.chosen.elements, choice.chosen.ends,
        ]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = Self.file(in: folder)
        unlink(file)
        try BlockFile.write(file, header: header.bytes, blocks: blocks)
    }

    /// Whether each entry's three offsets are in order and inside a script of `length` bytes.
    private static func entriesInOrder(_ entries: NumberColumn<Int>, within length: Int) -> Bool {
        entries.withBuffer { entries -> Bool in
            guard entries.count % 3 == 0 else { return false }
            for start in stride(from: 0, to: entries.count, by: 3) {
                let (head, words, end) = (entries[start], entries[start + 1], entries[start + 2])
                guard head >= 0, head <= words, words <= end, end <= length else { return false }
            }
            return true
        }
    }

    /// The state kept in `folder`, read in place; nil when there is none, or it is damaged
    /// or from another version.
    static func load(from folder: URL) -> SearchIndexState? {
        guard let (bytes, header, blocks) = BlockFile.read(file(in: folder)), blocks.count == 14 else { return nil }
        var reader = header
        func lists<Number>(_ first: Int, _ type: Number.Type) -> PackedLists<Number>? {
            guard let elements = BlockFile.column(blocks[first], of: bytes, as: type),
                  let ends = BlockFile.column(blocks[first + 1], of: bytes, as: Int.self) else { return nil }
            return PackedLists(elements: elements, ends: ends)
        }
        guard reader.string() == format, let context = reader.uint64(),
              let words = lists(0, UInt8.self), let paths = lists(2, UInt8.self), let excluded = lists(4, UInt8.self),
              let counts = BlockFile.column(blocks[6], of: bytes, as: Int.self), counts.count == words.count,
              let table = BlockFile.column(blocks[7], of: bytes, as: Int32.self),
              let keys = BlockFile.column(blocks[8], of: bytes, as: UInt64.self),
              let wordsKeys = BlockFile.column(blocks[9], of: bytes, as: UInt64.self),
              let script = BlockFile.column(blocks[10], of: bytes, as: UInt8.self),
              let entries = BlockFile.column(blocks[11], of: bytes, as: Int.self), let chosen = lists(12, Int32.self),
              [keys.count, wordsKeys.count, excluded.count, chosen.count, entries.count / 3].allSatisfy({ $0 == paths.count }),
              table.withBuffer({ $0.allSatisfy { $0 >= 0 && Int($0) < words.count } }),
              chosen.elements.withBuffer({ $0.allSatisfy { $0 >= 0 && Int($0) < table.count } }),
              Self.entriesInOrder(entries, within: script.count)
        else { return nil }
        let vocabulary = ByteWordCounts(capacity: 2 * words.count)
        let added = words.withLists { words in
            counts.withBuffer { counts in
                // Each word once, and in some article: a repeated word would merge two indices into one.
                (0..<words.count).allSatisfy { index in counts[index] > 0 && vocabulary.add(words[index], count: counts[index]) == index }
            }
        }
        guard added else { return nil }
        return SearchIndexState(context: context, paths: paths, keys: keys, wordsKeys: wordsKeys, script: script, entries: entries,
                                choice: WordChoice(vocabulary: vocabulary, excluded: excluded, table: table.withBuffer(Array.init), chosen: chosen))
    }
}
