/// Assigns topics to articles that name none, by the keyword rules of `site.yml`.
/// A keyword matches whole words, case-insensitively; a keyword may be several
/// words (`Black Sea`). A topic applies when its keywords occur `minHits` times in
/// title and body together, or once in the title.
struct TopicClassifier: Sendable {
    private struct Rule: Sendable {
        var name: String
        /// Each keyword as the vocabulary numbers of its words.
        var keywords: [[Int]]
    }

    private let rules: [Rule]
    private let minHits: Int
    /// Every word of every keyword, numbered in order of first use. Looked up by bytes
    /// (every word of every article body passes through it), not as a `String` each.
    private let vocabulary: ByteWordCounts

    init(rules: [TopicRule], minHits: Int) {
        let vocabulary = ByteWordCounts()
        self.rules = rules.map { rule in
            Rule(name: rule.name, keywords: rule.keywords.map(Words.tokens).filter { !$0.isEmpty }.map { words in
                words.map { word in
                    var word = word
                    return word.withUTF8 { vocabulary.add($0) }
                }
            })
        }
        self.vocabulary = vocabulary
        self.minHits = minHits
    }

    func topics(title: String, body: String) -> [String] {
        guard !rules.isEmpty else { return [] }
        let title = WordCounts(words(of: title), vocabulary: vocabulary.count)
        let body = WordCounts(words(of: body), vocabulary: vocabulary.count)
        return rules.filter { rule in
            if rule.keywords.contains(where: { title.count($0) > 0 }) { return true }
            var hits = 0
            for keyword in rule.keywords {
                hits += body.count(keyword)
                if hits >= minHits { return true }
            }
            return false
        }.map(\.name)
    }

    /// The words of `text` (`Words.tokens`) by vocabulary number; words of no keyword are
    /// -1, so a phrase matches only words that stand next to each other.
    private func words(of text: String) -> [Int] {
        var numbers: [Int] = []
        Words.forEachTokenBytes(in: text) { numbers.append(vocabulary.index(of: $0) ?? -1) }
        return numbers
    }
}

/// Keyword occurrences in one text: single words by count, phrases by a scan.
private struct WordCounts {
    let words: [Int]
    let counts: [Int]

    init(_ words: [Int], vocabulary: Int) {
        self.words = words
        var counts = [Int](repeating: 0, count: vocabulary)
        for word in words where word >= 0 { counts[word] += 1 }
        self.counts = counts
    }

    func count(_ phrase: [Int]) -> Int {
        guard let first = phrase.first else { return 0 }
        if phrase.count == 1 { return counts[first] }
        guard counts[first] > 0, words.count >= phrase.count else { return 0 }
        return (0...(words.count - phrase.count)).count { start in
            words[start] == first && words[start..<(start + phrase.count)].elementsEqual(phrase)
        }
    }
}
