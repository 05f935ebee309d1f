import Foundation
import Testing
@testable import BroadsheetKit

/// The search index after an edit, updated from the last build's state, against the index
/// a clean build makes: the same words chosen, the same bytes.
@Suite struct SearchIndexUpdateTests {
    /// An article as the word choice sees it: its body words with counts, and its hidden words.
    struct Sample: Equatable {
        var counts: [String: Int]
        var hidden: [String]

        var words: SearchWords {
            SearchWords(countingWordsIn: counts.sorted { $0.key < $1.key }.flatMap { Array(repeating: $0.key, count: $0.value) }.joined(separator: " "))
        }

        static func random(_ vocabulary: [String], using random: inout Seeded) -> Sample {
            let counts = Dictionary((0..<Int.random(in: 0...14, using: &random)).map { _ in
                (vocabulary.randomElement(using: &random) ?? "abc", Int.random(in: 1...3, using: &random))
            }, uniquingKeysWith: +)
            return Sample(counts: counts, hidden: counts.keys.sorted().filter { _ in Int.random(in: 0..<4, using: &random) == 0 })
        }
    }

    /// Few words, so articles share them and scores tie; `limit` well below most articles' words.
    static let vocabulary = (0..<24).map { "w" + String(repeating: "x", count: $0 % 3) + "\($0 % 8)" + "abc".prefix($0 % 4) }

    /// Random edits of random articles, several in a row: each article is kept, given other
    /// words, other hidden words, or replaced by a new one; the order is shuffled. The update
    /// must choose what a clean choice of the articles after the edit chooses.
    @Test(arguments: 0..<60) func anUpdatedChoiceIsTheCleanChoice(seed: UInt64) {
        var random = Seeded(state: seed)
        let limit = Int.random(in: 1...5, using: &random)
        var samples = (0..<Int.random(in: 1...24, using: &random)).map { _ in Sample.random(Self.vocabulary, using: &random) }
        var choice = WordChoice(words: samples.map(\.words), hidden: samples.map(\.hidden), limit: limit)
        for round in 0..<4 {
            var next: [(sample: Sample, old: Int?)] = samples.indices.map { old in
                switch Int.random(in: 0..<6, using: &random) {
                case 0: (Sample.random(Self.vocabulary, using: &random), nil)
                case 1: (Sample(counts: Sample.random(Self.vocabulary, using: &random).counts, hidden: samples[old].hidden), old)
                case 2: (Sample(counts: samples[old].counts, hidden: Array(Self.vocabulary.shuffled(using: &random).prefix(3))), old)
                default: (samples[old], old)
                }
            }
            next.shuffle(using: &random)
            let kept = next.map { $0.old.flatMap { old in samples[old] == next.first { $0.old == old }?.sample ? old : nil } }
            let keptOld = Set(kept.compactMap { $0 })
            let gone = samples.indices.filter { !keptOld.contains($0) }.map { ($0, samples[$0].words) }
            let hidden = Dictionary(uniqueKeysWithValues: next.indices.filter { kept[$0] == nil }.map { ($0, next[$0].sample.hidden) })
            samples = next.map(\.sample)

            choice = choice.updated(kept: kept, words: samples.map(\.words), hidden: hidden, gone: gone, limit: limit)
            let clean = WordChoice(words: samples.map(\.words), hidden: samples.map(\.hidden), limit: limit)
            #expect(choice.words == clean.words, "round \(round)")
            #expect(choice.chosenWords == clean.chosenWords, "round \(round)")
            #expect(choice.positions.allSatisfy { $0 == $0.sorted() }, "round \(round)")
            #expect(choice.excludedWords == clean.excludedWords, "round \(round)")
        }
    }

    /// The search for the articles that have a word: whole words only, at the start, the middle and the end.
    @Test func packedWordsAreFoundWhole() {
        let packed = Array("wx1a abc zabc abcd abc2 ".utf8)
        func has(_ word: String) -> Bool {
            packed.withUnsafeBufferPointer { packed in Array(word.utf8).withUnsafeBufferPointer { WordChoice.packed(packed, has: $0) } }
        }
        #expect(["wx1a", "abc", "zabc", "abcd", "abc2"].allSatisfy(has))
        #expect(!["x1a", "bc", "zab", "ab", "c2", ""].contains(where: has))   // (words have no spaces)
        #expect(Array("abc".utf8).withUnsafeBufferPointer { word in Array("abc".utf8).withUnsafeBufferPointer { WordChoice.packed($0, has: word) } })
    }

    /// Whole indexes, each updated from the state the last one saved and loaded back, after
    /// edits of every kind an index sees: words that no other article has and words that
    /// others share, a title (whose words the entry then hides), a date (the order), an
    /// article replaced by another, one added, a topic, and none at all.
    @Test func anUpdatedIndexIsTheCleanIndex() throws {
        var random = Seeded(state: 11)
        let words = ["harbour", "ferry", "tide", "pier", "storm", "grain", "market", "rail", "bridge", "council", "winter", "lamp"]
        func body() -> String { (0..<Int.random(in: 4...30, using: &random)).map { _ in words.randomElement(using: &random) ?? "tide" }.joined(separator: " ") }
        var articles = (0..<40).map { n in
            makeArticle("Story \(SearchIndexTests.letters(n))", date: "2024-01-\(10 + n % 19)T0\(n % 10):00:00Z",
                        topics: [["Harbour", "Weather", "Trade"][n % 3]], path: "a/\(n).md", body: body())
        }
        func edit(_ index: Int, _ change: (inout Article) -> Void) { change(&articles[index]) }
        let edits: [(name: String, apply: () -> Void)] = [
            ("a new word, first in the table", { edit(3) { $0.plainText += " abbey" } }),
            ("shared words", { edit(5) { $0.plainText = "harbour harbour ferry storm" } }),
            ("a title", { edit(7) { $0.title = "Harbour storm" } }),
            ("a date", { edit(9) { $0.date = instant("2024-02-20T10:00:00Z") } }),
            ("nothing", {}),
            ("an article replaced", { articles[11] = makeArticle("Quay", date: "2024-01-15T11:00:00Z", topics: ["Trade"], path: "b/quay.md", body: "quay grain rail") }),
            ("an article added", { articles.append(makeArticle("Lock", date: "2024-01-16T11:00:00Z", path: "b/lock.md", body: "lock gate tide")) }),
            ("a topic", { edit(13) { $0.topics = ["Weather"] } }),
            ("a word gone", { edit(3) { $0.plainText = $0.plainText.replacingOccurrences(of: " abbey", with: "") } }),
        ]
        try withTemporaryFolder { folder in
            try SearchIndex.render(makeSite(articles)).state.save(to: folder)
            for (name, apply) in edits {
                let last = Dictionary(uniqueKeysWithValues: articles.map { ($0.sourcePath, SearchWords(countingWordsIn: $0.plainText)) })
                apply()
                let site = makeSite(articles)
                let previous = try #require(SearchIndexState.load(from: folder), "\(name)")
                let updated = SearchIndex.render(site, previous: previous) { last[$0] }
                #expect(String(decoding: updated.script, as: UTF8.self) == String(decoding: SearchIndex.render(site).script, as: UTF8.self), "\(name)")
                try updated.state.save(to: folder)
            }
        }
    }
}

extension SearchIndexUpdateTests {
    /// A state whose changed article's old words are not known (the cache holds other words
    /// for it, or none): the index is made afresh, not updated from counts it cannot move.
    @Test func anUpdateWithoutTheOldWordsChoosesAfresh() throws {
        // More words than an article keeps (400), so that the counts decide which it keeps.
        var random = Seeded(state: 5)
        let vocabulary = (0..<600).map { "w" + SearchIndexTests.letters($0) }
        var articles = (0..<12).map { n in
            let body = vocabulary.shuffled(using: &random).prefix(450).flatMap { Array(repeating: $0, count: Int.random(in: 1...3, using: &random)) }
            return makeArticle("Story \(SearchIndexTests.letters(n))", date: "2024-01-1\(n % 9)T08:00:00Z", path: "a/\(n).md",
                               body: body.joined(separator: " "))
        }
        let previous = SearchIndex.render(makeSite(articles)).state
        articles[4].plainText = "storm grain"
        let site = makeSite(articles)
        let stale = SearchWords(countingWordsIn: "lamp bridge")
        for oldWords in [{ (_: String) in nil }, { (_: String) in stale }] as [(String) -> SearchWords?] {
            let updated = SearchIndex.render(site, previous: previous, oldWords: oldWords)
            #expect(String(decoding: updated.script, as: UTF8.self) == String(decoding: SearchIndex.render(site).script, as: UTF8.self))
        }
    }
}

extension WordChoice {
    /// Per article, the hidden words its body has, sorted.
    var excludedWords: [[String]] {
        excluded.withLists { lists in (0..<lists.count).map { String(decoding: lists[$0], as: UTF8.self).split(separator: " ").map(String.init).sorted() } }
    }
}
