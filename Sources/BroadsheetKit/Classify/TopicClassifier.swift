/// Assigns topics to articles that name none, by the keyword rules of `site.yml`.
/// A keyword matches whole words, case-insensitively; a keyword may be several
/// words (`Black Sea`). A topic applies when its keywords occur `minHits` times in
/// title and body together, or once in the title.
struct TopicClassifier: Sendable {
    private struct Rule: Sendable {
        var name: String
        var keywords: [[String]]
    }

    private let rules: [Rule]
    private let minHits: Int

    init(rules: [TopicRule], minHits: Int) {
        self.rules = rules.map { rule in
            Rule(name: rule.name, keywords: rule.keywords.map(Words.tokens).filter { !$0.isEmpty })
        }
        self.minHits = minHits
    }

    func topics(title: String, body: String) -> [String] {
        guard !rules.isEmpty else { return [] }
        let title = WordCounts(Words.tokens(title))
        let body = WordCounts(Words.tokens(body))
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


}

/// Word occurrences of one text: single words by table lookup, phrases by a scan.
private struct WordCounts {
    let words: [String]
    let counts: [String: Int]

    init(_ words: [String]) {
        self.words = words
        counts = words.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    func count(_ phrase: [String]) -> Int {
        guard let first = phrase.first, let firstCount = counts[first] else { return 0 }
        if phrase.count == 1 { return firstCount }
        guard words.count >= phrase.count else { return 0 }
        return (0...(words.count - phrase.count)).count { start in
            words[start] == first && words[start..<(start + phrase.count)].elementsEqual(phrase)
        }
    }
}
