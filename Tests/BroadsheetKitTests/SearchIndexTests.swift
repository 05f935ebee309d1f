import Foundation
import Testing
@testable import BroadsheetKit

/// `search-index.js`: what goes in, in what order, how it is escaped, and how big it gets.
@Suite struct SearchIndexTests {
    /// The index of `site` as JSON values, without the `window.BROADSHEET_SEARCH = …;` wrapper.
    private func parsed(_ script: String) throws -> [String: Any] {
        let prefix = "window.BROADSHEET_SEARCH = "
        #expect(script.hasPrefix(prefix))
        #expect(script.hasSuffix("};\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// The script of `site`'s index, made afresh.
    private func indexScript(_ site: Site) -> String {
        String(decoding: SearchIndex.render(site).script, as: UTF8.self)
    }

    /// `[title, summary, slug, topic names, words]` per article, in index order.
    private func articles(_ index: [String: Any]) throws -> [(day: String, title: String, summary: String, slug: String, topics: [String], words: [String])] {
        let topics = try #require(index["topics"] as? [String])
        let words = try #require(index["words"] as? [String])
        let days = try #require(index["days"] as? [[Any]])
        return try days.flatMap { day in
            let date = try #require(day[0] as? String)
            let entries = try #require(day[1] as? [[String]])
            return entries.map { entry in
                (date, entry[0], entry[1], entry[2], IndexCode.decode(entry[3]).map { topics[$0] },
                 IndexCode.decode(entry[4]).map { words[$0] })
            }
        }
    }

    // MARK: Contents

    @Test func holdsTitlesSummariesTopicsDaysAndBodyWords() throws {
        let site = makeSite([
            makeArticle("Ferry berth approved", date: "2024-01-02T09:00:00Z", topics: ["Transport"],
                        body: "The harbour board approved a second berth for the island ferry."),
            makeArticle("Grid warning", date: "2024-01-03T10:00:00Z", topics: ["Energy", "Economy"],
                        body: "Wind output fell while demand rose; operators warned of tight margins in January."),
        ])
        let index = try parsed(indexScript(site))
        #expect(index["v"] as? Int == 1)
        #expect(index["suffix"] as? String == "index.html")
        #expect(index["topics"] as? [String] == ["Economy", "Energy", "Transport"])
        let entries = try articles(index)
        #expect(entries.map(\.title) == ["Grid warning", "Ferry berth approved"])  // newest first
        #expect(entries.map(\.day) == ["2024-01-03", "2024-01-02"])
        #expect(entries.map(\.topics) == [["Economy", "Energy"], ["Transport"]])
        #expect(entries.map(\.slug) == ["", ""])  // both derivable from their ASCII titles
        // Summaries (here the whole short body) are searched as text, so their words are not repeated.
        #expect(entries[0].summary == "Wind output fell while demand rose; operators warned of tight margins in January.")
        #expect(entries.allSatisfy { $0.words.isEmpty })
    }

    @Test func bodyWordsAreFoldedDeduplicatedAndFiltered() throws {
        var article = makeArticle("Quay report", date: "2024-01-02T09:00:00Z", body: "Short.")
        article.plainText = "Zürich ZÜRICH zurich the THE of at it 2024 42 Crème brûlée, harbour's wharf wharf Übersee x1 ab"
        let index = try parsed(indexScript(makeSite([article])))
        let entries = try articles(index)
        // Lowercased, without diacritics, once each, sorted in the table; no stopwords,
        // no words under three characters, no bare numbers; the title's words are matched as text.
        #expect(entries[0].words.sorted() == ["brulee", "creme", "harbour", "ubersee", "wharf", "zurich"])
        #expect(index["words"] as? [String] == ["brulee", "creme", "harbour", "ubersee", "wharf", "zurich"])
        #expect((index["stopwords"] as? [String])?.contains("the") == true)
    }

    /// The byte-level word choice against the plain definition: per article the `limit`
    /// best words by count × log(1 + articles ÷ articles with the word) rounded down to
    /// sixteenths, ties by bytes, hidden words left out; on random articles with many ties
    /// and shared words.
    @Test func wordChoiceMatchesTheDefinition() {
        var random = SystemRandomNumberGenerator()
        let vocabulary = (0..<60).map { "w\($0 % 7)" + String(repeating: "x", count: $0 % 3) + "\($0)" } + ["zzz", "abc", "abd", "abcd"]
        let articles: [[String: Int]] = (0..<40).map { _ in
            Dictionary((0..<Int.random(in: 0...30, using: &random)).map { _ in (vocabulary.randomElement(using: &random) ?? "a", Int.random(in: 1...3, using: &random)) },
                       uniquingKeysWith: +)
        }
        let hidden: [[String]] = articles.map { counts in counts.keys.filter { _ in Int.random(in: 0..<5, using: &random) == 0 } }
        let limit = 6
        let texts = articles.map { counts in counts.flatMap { Array(repeating: $0.key, count: $0.value) }.shuffled(using: &random).joined(separator: " ") }
        let choice = WordChoice(words: texts.map(SearchWords.init(countingWordsIn:)), hidden: hidden, limit: limit)

        let filtered = zip(articles, hidden).map { counts, hidden in counts.filter { !hidden.contains($0.key) } }
        var documents: [String: Int] = [:]
        for counts in filtered { for word in counts.keys { documents[word, default: 0] += 1 } }
        func weight(_ word: String) -> Double {
            (16 * log(1 + Double(articles.count) / Double(documents[word] ?? 1))).rounded(.down) / 16
        }
        let expected: [[String]] = filtered.map { counts in
            counts.map { word, count in (word, Double(count) * weight(word)) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : SearchIndex.utf8Less($0.0, $1.0) }
                .prefix(limit).map(\.0)
        }
        #expect(choice.words == Set(expected.joined()).sorted(by: SearchIndex.utf8Less))
        #expect(choice.chosenWords.map(Set.init) == expected.map(Set.init))
        #expect(choice.positions.allSatisfy { $0 == $0.sorted() })
    }

    /// Past many growths of its table, every word is found again, counted, and sorted by bytes.
    @Test func byteWordCountsCountsAndSortsManyWords() {
        let words = (0..<5_000).map { "w\($0 * 7919 % 5_000)" + ($0 % 3 == 0 ? "é" : "") }
        let table = ByteWordCounts()
        for (round, count) in [(0, 1), (1, 2)] {
            for word in words {
                var word = word
                let index = word.withUTF8 { table.add($0, count: count) }
                #expect(table.string(index) == word, "round \(round)")
            }
        }
        #expect(table.entries.count == Set(words).count)
        #expect(table.entries.allSatisfy { $0.count == 3 })
        #expect(table.sorted(Array(table.entries.indices)).map(table.string) == Set(words).sorted(by: SearchIndex.utf8Less))
    }

    @Test func searchWordsAreCountedPackedAndRead() throws {
        // Folded, counted, in order of first appearance, short words, numbers and stopwords left out, counts capped.
        let words = SearchWords(countingWordsIn: "Harbour zzz the harbour, ab 2024 ÜBER harbour ÉTÉ " + String(repeating: "zzz ", count: 70_000))
        #expect(words.packed == "harbour zzz uber ete ")
        #expect(words.frequencies == [3, 65_535, 1, 1])
        // As the build cache keeps them: the words and little-endian counts in a file of texts.
        let packed = Array(words.packed.utf8), counts: [UInt8] = [3, 0, 0xFF, 0xFF, 1, 0, 1, 0]
        let stored = SharedBytes(Array("xx ".utf8) + packed + counts)
        let (wordBytes, countBytes) = (3..<3 + packed.count, 3 + packed.count..<3 + packed.count + counts.count)
        let read = SearchWords(stored, packed: wordBytes, frequencies: countBytes, key: words.key)
        #expect(read == words)
        #expect(read?.withPackedBytes(Array.init) == packed)
        #expect(SearchWords(stored, packed: 3..<3, frequencies: countBytes, key: 0) == nil)   // counts without words
        #expect(SearchWords(stored, packed: wordBytes, frequencies: countBytes.dropLast(), key: 0) == nil)  // half a count
        // Damaged words (no final space, more counts than words) are read within their own bytes.
        let damaged = try #require(SearchWords(stored, packed: wordBytes.dropLast(), frequencies: countBytes, key: 0))
        #expect(WordChoice(words: [damaged], hidden: [[]], limit: 5).words == ["ete", "harbour", "uber", "zzz"])
        #expect(SearchWords(countingWordsIn: "").packed.isEmpty)
        #expect(SearchWords(countingWordsIn: "abc").key != SearchWords(countingWordsIn: "abc abc").key)
    }

    @Test func indexableWordsAreJudgedTheSameOnBytesAndOnStrings() {
        let words = Array(SearchIndex.stopwords) + ["ab", "abc", "12", "123", "1a2", "a12", "harbour", "THE", "über", "été", "२०२४", "日本語", "ab½", "x"]
        for word in words {
            var bytes = word
            let onBytes = bytes.withUTF8 { SearchIndex.isIndexable($0, hash: ByteWordCounts.hash($0)) }
            #expect(onBytes == SearchIndex.isIndexable(word), "\(word)")
        }
    }

    @Test func theASCIIFastPathFindsTheSameWordsAsFolding() {
        let texts = ["Plain ASCII, with punctuation; and 42 numbers!", "harbour’s Zürich “quoted” — dash",
                     "İSTANBUL ΟΔΟΣ οδός e\u{301}clair \u{212A}elvin a;b\u{37E}c", "東京都 Ünïcödé\tTAB\nline",
                     "", "   ", "x", "ÀB-cd_ef.gh", "don’t “Quoted” — dash–en … ‘x’ a\u{A0}b «fr» »", "Café’s\u{2019}\u{301}x",
                     "x\u{2070}2 a\u{206F}b a\u{2060}b ΟΔΟΣ’ ς\u{2019}", "\u{2019}", "ab\u{E2}", "end\u{2014}"]
        for text in texts {
            #expect(SearchIndex.words(in: text) == SearchIndex.foldedWords(text), "\(text)")
        }
        #expect(SearchIndex.words(in: "İstanbul ΟΔΟΣ Kraków") == ["istanbul", "οδοσ", "krakow"])
    }

    @Test func titleSummaryAndTopicWordsAreNotRepeatedAsBodyWords() throws {
        let article = makeArticle("Harbour cranes", date: "2024-01-02T09:00:00Z", topics: ["Energy"],
                                  body: "Harbour cranes use energy. Diesel consumption halved.")
        var long = article
        long.summary = "Something else entirely."
        let entries = try articles(parsed(indexScript(makeSite([long]))))
        #expect(entries[0].words.sorted() == ["consumption", "diesel", "halved", "use"])
    }

    @Test func longSummariesAreCutAtAWordBoundary() {
        let summary = String(repeating: "harbour ", count: 40).trimmingCharacters(in: .whitespaces)
        let short = SearchIndex.shortened(summary)
        #expect(short.count <= SearchIndex.summaryLimit + 1)
        #expect(short.hasSuffix("harbour…"))
        #expect(SearchIndex.shortened("Short and sweet.") == "Short and sweet.")
    }

    /// The cut keeps letters and digits at its ends as they are, and trims spaces and
    /// punctuation there (a word's comma, an opening quote), whatever the script.
    @Test func aCutLosesThePunctuationAtItsEnds() {
        let pad = String(repeating: "x", count: 80)
        #expect(SearchIndex.shortened("Quay \(pad) ferries, and more text after the limit") == "Quay \(pad)…")
        #expect(SearchIndex.shortened("Quay \(pad.prefix(72)) 1999, ferries and more text after the limit") == "Quay \(pad.prefix(72)) 1999…")
        #expect(SearchIndex.shortened("Quay \(pad.prefix(72)) ferries, and more text after the limit") == "Quay \(pad.prefix(72)) ferries…")
        #expect(SearchIndex.shortened("“Quay \(pad.prefix(72)) ferries, and more text after the limit") == "Quay \(pad.prefix(72)) ferries…")
        #expect(SearchIndex.shortened("Quay \(pad.prefix(72)) färjorna, and more text after the limit") == "Quay \(pad.prefix(72)) färjorna…")
        #expect(SearchIndex.shortened("Quay \(pad.prefix(72)) kaféééééééé and more text after the limit") == "Quay \(pad.prefix(72)) kaféééééééé…")
        #expect(SearchIndex.shortened(String(repeating: "é", count: 91)) == String(repeating: "é", count: 90) + "…")
    }

    /// `BestOf` keeps what sorting all and taking the first few would, whatever the order of the offers.
    @Test func bestOfKeepsTheBestFewInOrder() {
        var random = SystemRandomNumberGenerator()
        for limit in [1, 4, 30] {
            let values = (0..<200).map { _ in Int.random(in: 0..<50, using: &random) }
            let ranked = Array(values.enumerated()).sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
            var best = BestOf<(offset: Int, element: Int)>(limit) { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
            for value in Array(values.enumerated()).shuffled(using: &random) { best.offer(value) }
            #expect(best.elements.map(\.offset) == ranked.prefix(limit).map(\.offset))
        }
    }

    @Test func slugsAreStoredOnlyWhenTheBrowserCannotDeriveThem() throws {
        let site = makeSite([
            makeArticle("Plain ASCII title: yes!", date: "2024-01-02T09:00:00Z"),
            makeArticle("Zürich opens", date: "2024-01-02T10:00:00Z"),
            makeArticle("Custom", date: "2024-01-02T11:00:00Z", slug: "my-own-slug"),
            makeArticle("Twin", date: "2024-01-02T12:00:00Z", path: "a.md"),
            makeArticle("Twin", date: "2024-01-02T13:00:00Z", path: "b.md"),
        ])
        let entries = try articles(parsed(indexScript(site)))
        let slug = { (title: String) in entries.first { $0.title == title }?.slug }
        #expect(slug("Plain ASCII title: yes!") == "")
        #expect(slug("Zürich opens") == "zurich-opens")
        #expect(slug("Custom") == "my-own-slug")
        // Of two same-day twins one keeps the derivable slug, the other carries its `-2`.
        #expect(entries.filter { $0.title == "Twin" }.map(\.slug).sorted() == ["", "twin-2"])
    }

    @Test func derivedSlugsMatchTheBuildsSlugsForASCIITitles() {
        let titles = ["Night trains return", "  --Odd   spacing!!  ", "UPPER case 42", "a/b..c", "x",
                      String(repeating: "word ", count: 30), String(repeating: "x", count: 100)]
        for title in titles {
            #expect(SearchIndex.derivedSlug(title) == Slug(from: title)?.value, "\(title)")
        }
        #expect(SearchIndex.derivedSlug("Zürich") == nil)
    }

    @Test func prettyURLsDropIndexHTML() throws {
        let site = makeSite([makeArticle("One", date: "2024-01-02T09:00:00Z")]) { $0.prettyURLs = true }
        #expect(try parsed(indexScript(site))["suffix"] as? String == "")
    }

    @Test func anEmptySiteHasAnEmptyIndex() throws {
        let index = try parsed(indexScript(makeSite([])))
        #expect((index["days"] as? [Any])?.isEmpty == true)
        #expect((index["words"] as? [Any])?.isEmpty == true)
    }

    // MARK: Determinism

    @Test func outputIsDeterministicWhateverTheInputOrder() {
        let input = (0..<40).map { n in
            makeArticle("Story \(n) about item\(n % 7)", date: String(format: "2024-01-%02dT%02d:00:00Z", 1 + n % 5, n % 24),
                        topics: ["Topic \(n % 3)", "Other \(n % 4)"],
                        body: "Alpha\(n % 9) beta\(n % 11) gamma\(n % 13) shared words here, delta\(n) epsilon\(n % 2).")
        }
        let first = indexScript(makeSite(input))
        #expect(indexScript(makeSite(input.reversed())) == first)
        #expect(indexScript(makeSite(input.shuffled())) == first)
        #expect(indexScript(makeSite(input)) == first)
    }

    @Test func theWordTableIsSortedByUTF8Bytes() throws {
        var article = makeArticle("T", date: "2024-01-02T09:00:00Z")
        article.plainText = "zebra Ωmega apple Éclair banana ñandu 東京都"
        let words = try #require(try parsed(indexScript(makeSite([article])))["words"] as? [String])
        #expect(words == words.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(words.contains("東京都") && words.contains("ωmega") && words.contains("nandu"))
    }

    // MARK: Escaping

    @Test func textIsEscapedForJSONAndScripts() throws {
        let nasty = "Quote \" back\\slash </script><!-- & > line\nbreak \u{2028}sep\u{2029} tab\t bell\u{07} del\u{7F} kept… ’as is’ cr\r\u{2029}"
        var article = makeArticle(nasty, date: "2024-01-02T09:00:00Z", topics: ["R&D </script>"])
        article.summary = nasty
        let script = indexScript(makeSite([article]))
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{07}", "\u{7F}", "\nbreak", "\t", "\r"] {
            #expect(!script.dropLast().contains(raw), "raw \(raw.debugDescription) in the index")
        }
        #expect(script.contains("kept… ’as is’ cr\\r\\u2029\""), "other characters are copied as they are")
        let entries = try articles(parsed(script))
        #expect(entries[0].title == nasty)
        #expect(entries[0].summary == SearchIndex.shortened(nasty))
        #expect(entries[0].topics == ["R&D </script>"])
    }

    // MARK: Encoding

    @Test func indexCodeRoundTrips() {
        let lists: [[Int]] = [[], [0], [31], [32], [0, 1, 2, 3], [5, 1023, 1024, 1025, 40_000, 1_000_000], Array(0..<100).map { $0 * 37 }]
        for list in lists {
            let code = IndexCode.encode(list)
            #expect(IndexCode.decode(code) == list)
            #expect(code.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        }
        #expect(IndexCode.encode([0, 1, 32]).count == 3)  // gaps under 32 take one character
        #expect(IndexCode.encode([0, 1, 33]).count == 4)
        #expect(IndexCode.encode([1000]).count == 2)
        #expect(IndexCode.encode([30_000]).count == 3)
    }

    // MARK: Size

    /// A deterministic synthetic corpus: `count` articles of about 300 words from a
    /// 40,000-word Zipf-like vocabulary of made-up words, two or three topics each.
    static func corpus(_ count: Int) -> [Article] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let syllables = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu ar en ol is on er"
            .split(separator: " ").map(String.init)
        let vocabulary: [String] = (0..<40_000).map { n in
            var word = "", value = n + 1000
            while value > 0 {
                word += syllables[value % syllables.count]
                value /= syllables.count
            }
            return word
        }
        // Rank r is drawn with weight ~ 1/(r + 30): sample r = 30·(41030/30)^u − 30.
        func word() -> String {
            let u = Double(next() % 1_000_000) / 1_000_000
            return vocabulary[min(vocabulary.count - 1, Int(30 * pow(41_030.0 / 30, u)) - 30)]
        }
        let function = ["the", "of", "and", "to", "in", "that", "was", "for", "with", "on", "at", "by", "from", "it", "as"]
        let topics = ["Energy", "Transport", "Science", "Economy", "Culture", "Health", "Housing", "Sport"]
        return (0..<count).map { n in
            let title = (0..<(5 + Int(next() % 8))).map { _ in word() }.joined(separator: " ").capitalized
            let body = (0..<(200 + Int(next() % 200))).map { _ in next() % 2 == 0 ? word() : function[Int(next() % 15)] }
                .joined(separator: " ")
            let day = n * 1096 / max(1, count)
            let date = Date(timeIntervalSince1970: 1_672_531_200 + Double(day) * 86_400 + Double(next() % 86_400))
            var article = makeArticle(title, date: "2024-01-01T00:00:00Z",
                                      topics: [topics[n % 8], topics[(n / 8 + 1 + n) % 8]], path: "a/\(n).md", body: body)
            article.date = date
            article.summary = String(body.prefix(240))
            return article
        }
    }

    @Test func tenThousandArticlesStayUnderThreeMegabytes() {
        let small = indexScript(makeSite(Self.corpus(1000))).utf8.count
        let large = indexScript(makeSite(Self.corpus(10_000))).utf8.count
        print("search-index.js: 1,000 articles \(small) bytes, 10,000 articles \(large) bytes")
        #expect(large < 3_000_000)
        // The word part stays about the same size, so ten times the articles cost well under ten times the bytes.
        #expect(large < small * 8)
    }

    @Test func theWordLimitShrinksOnlyOnLargeSites() {
        #expect(SearchIndex.wordLimit(articles: 20) == SearchIndex.maxWords)
        #expect(SearchIndex.wordLimit(articles: 1000) == SearchIndex.wordBudget / 1000)
        #expect(SearchIndex.wordLimit(articles: 10_000) == SearchIndex.wordBudget / 10_000)
        #expect(SearchIndex.wordLimit(articles: 1_000_000) == SearchIndex.minWords)
    }

    @Test func largeSitesKeepEachArticlesMostDistinctiveWords() throws {
        // 2,000 articles share the filler; each also says its own word several times.
        let limit = SearchIndex.wordLimit(articles: 2000)
        let filler = (0..<(limit + 50)).map { "common\(Self.letters($0))" }.joined(separator: " ")
        let input = (0..<2000).map { n in
            var article = makeArticle("Story", date: "2024-01-02T09:00:00Z", path: "s/\(n).md", body: "x")
            article.plainText = filler + " " + Array(repeating: "unique\(Self.letters(n))", count: 3).joined(separator: " ")
            return article
        }
        let entries = try articles(parsed(indexScript(makeSite(input))))
        #expect(entries.allSatisfy { $0.words.count == limit })
        #expect(entries.allSatisfy { $0.words.contains { $0.hasPrefix("unique") } })
    }

    /// `0` → `a`, `25` → `z`, `26` → `ba`: letters only, since bare numbers are not indexed.
    static func letters(_ n: Int) -> String {
        var n = n, text = ""
        repeat {
            text = String(UnicodeScalar(UInt8(97 + n % 26))) + text
            n /= 26
        } while n > 0
        return text
    }
}

extension WordChoice {
    /// Per article, the positions of its chosen words in the table.
    var positions: [[Int32]] {
        chosen.withLists { lists in (0..<lists.count).map { Array(lists[$0]) } }
    }

    /// Per article, its chosen words, in the table's order.
    var chosenWords: [[String]] {
        let words = words
        return positions.map { $0.map { words[Int($0)] } }
    }
}
