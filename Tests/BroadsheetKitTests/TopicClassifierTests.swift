import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct TopicClassifierTests {
    let classifier = TopicClassifier(rules: [
        TopicRule(name: "Energy", keywords: ["oil", "gas", "pipeline"]),
        TopicRule(name: "Black Sea", keywords: ["Black Sea", "Odesa"]),
        TopicRule(name: "Ukraine", keywords: ["Ukraine", "Kyiv"]),
    ], minHits: 2)

    @Test func matchesWholeWordsOnly() {
        #expect(classifier.topics(title: "Toil and boiling", body: "toil boiling oils oilfield spoil gasoline gaslight") == [])
        #expect(classifier.topics(title: "Markets", body: "Oil rose; oil fell.") == ["Energy"])
    }

    @Test func isCaseInsensitive() {
        #expect(classifier.topics(title: "Markets", body: "OIL prices and Oil futures") == ["Energy"])
    }

    @Test func hitsOfDifferentKeywordsAddUp() {
        #expect(classifier.topics(title: "Markets", body: "The pipeline carries gas.") == ["Energy"])
    }

    @Test func oneBodyHitIsBelowTheDefaultThreshold() {
        #expect(classifier.topics(title: "Markets", body: "The price of oil is steady.") == [])
    }

    @Test func oneTitleHitIsEnough() {
        #expect(classifier.topics(title: "Oil falls", body: "Prices fell on Monday.") == ["Energy"])
        #expect(classifier.topics(title: "KYIV: talks resume", body: "") == ["Ukraine"])
    }

    @Test func thresholdComesFromTopicMinHits() {
        let strict = TopicClassifier(rules: [TopicRule(name: "Energy", keywords: ["oil", "gas"])], minHits: 3)
        #expect(strict.topics(title: "Markets", body: "oil and gas") == [])
        #expect(strict.topics(title: "Markets", body: "oil, gas and more oil") == ["Energy"])
        let loose = TopicClassifier(rules: [TopicRule(name: "Energy", keywords: ["oil"])], minHits: 1)
        #expect(loose.topics(title: "Markets", body: "some oil") == ["Energy"])
    }

    @Test func multiWordKeywordsMatchAsAPhrase() {
        #expect(classifier.topics(title: "Shipping", body: "Ships crossed the black sea; the Black   Sea was calm.") == ["Black Sea"])
        #expect(classifier.topics(title: "Shipping", body: "black paint, sea air, blacksea, black seas") == [])
        #expect(classifier.topics(title: "Across the Black Sea", body: "") == ["Black Sea"])
    }

    @Test func punctuationSeparatesWords() {
        #expect(classifier.topics(title: "News", body: "Kyiv's mayor; (Kyiv)") == ["Ukraine"])
    }

    @Test func articleCanGetSeveralTopicsInRuleOrder() {
        #expect(classifier.topics(title: "Kyiv gas deal", body: "") == ["Energy", "Ukraine"])
    }

    @Test func nonASCIIKeywordsMatchInAnyCase() {
        let swiss = TopicClassifier(rules: [TopicRule(name: "Switzerland", keywords: ["Zürich", "Genève airport"])], minHits: 2)
        #expect(swiss.topics(title: "Rail", body: "ZÜRICH trams; Zürich buses") == ["Switzerland"])
        #expect(swiss.topics(title: "Rail", body: "Genève AIRPORT and genève—airport") == ["Switzerland"])
        #expect(swiss.topics(title: "Rail", body: "Zurich, Geneve airport, Genève new airport") == [])
    }

    @Test func noRulesNoTopics() {
        #expect(TopicClassifier(rules: [], minHits: 1).topics(title: "Oil", body: "oil oil") == [])
    }

    // MARK: In the site

    @Test func frontMatterTopicsAreNotOverridden() {
        let site = makeSite([
            makeArticle("Oil prices and gas", date: "2024-01-02T10:00:00Z", topics: ["Culture"], body: "oil oil gas"),
            makeArticle("Oil prices again", date: "2024-01-03T10:00:00Z", body: "No topics in front matter."),
        ]) { $0.topicRules = [TopicRule(name: "Energy", keywords: ["oil"])] }
        let topics = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.article.title, $0.topics.map(\.name)) })
        #expect(topics == ["Oil prices and gas": ["Culture"], "Oil prices again": ["Energy"]])
        #expect(site.topics.map(\.topic.name) == ["Culture", "Energy"])
    }

    @Test func topicsThatShareASlugAreMergedUnderTheNameThatSortsFirst() {
        let site = makeSite([
            makeArticle("One", date: "2024-01-02T10:00:00Z", topics: ["economy"], path: "2024/01/one.md"),
            makeArticle("Two", date: "2024-01-03T10:00:00Z", topics: ["Economy"], path: "2024/01/two.md"),
            makeArticle("Three", date: "2024-01-04T10:00:00Z", topics: ["ECONOMY", "Economy!"], path: "2024/01/three.md"),
        ])
        #expect(site.topics.count == 1)
        #expect(site.topics.first?.topic.name == "ECONOMY")
        #expect(site.topics.first?.topic.slug.value == "economy")
        #expect(site.topics.first?.articles.count == 3)
        #expect(site.articles.allSatisfy { $0.topics.map(\.name) == ["ECONOMY"] })
        let merges = site.diagnostics.sorted()
        #expect(merges.count == 3)
        #expect(merges.allSatisfy { $0.severity == .warning && $0.message.contains("merged into \"ECONOMY\"") })
        #expect(Set(merges.map(\.path)) == ["2024/01/one.md", "2024/01/two.md", "2024/01/three.md"])
    }

    @Test func topicsSortBySlugAndListArticlesNewestFirst() {
        let site = makeSite([
            makeArticle("Old", date: "2024-01-01T10:00:00Z", topics: ["Weather", "Arts"]),
            makeArticle("New", date: "2024-01-05T10:00:00Z", topics: ["Weather"]),
        ])
        #expect(site.topics.map(\.topic.name) == ["Arts", "Weather"])
        let weather = site.topics[1].articles.map { site.articles[$0].article.title }
        #expect(weather == ["New", "Old"])
    }

    /// Tokens are runs of letters and digits (any script), lowercased: the bytes are read as
    /// UTF-8 directly, and must give what reading the text scalar by scalar gives.
    @Test func tokensAreRunsOfLettersAndDigitsInAnyScript() {
        func byScalars(_ text: String) -> [String] {
            var tokens: [String] = [], current = ""
            for scalar in text.unicodeScalars {
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current += scalar.properties.lowercaseMapping
                } else if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            }
            return current.isEmpty ? tokens : tokens + [current]
        }
        let pieces = ["Harbour", " ", "ÉTÉ", "-", "über", "日本語", "२०२४", "Ǆ", "İstanbul", "😀", "e\u{301}", "ß", "½", "\t", "Ωμέγα", "42", "ﬁ", "\u{10400}"]
        var random = Seeded(state: 3)
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            #expect(Words.tokens(text) == byScalars(text), "\(text)")
        }
        // A token that outgrows its text: each `İ` (2 bytes) lowercases to 3.
        let dotted = String(repeating: "İ", count: 300) + " x" + String(repeating: "İ", count: 40)
        #expect(Words.tokens(dotted) == byScalars(dotted))
    }
}
