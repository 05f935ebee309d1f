import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct SlugTests {
    // MARK: From titles

    @Test(arguments: [
        ("Zürich", "zurich"),
        ("Crème brûlée à Paris", "creme-brulee-a-paris"),
        ("Łódź and Ærø: straße", "lodz-and-aero-strasse"),
        ("Киев", "kiev"),
        ("Новости дня", "novosti-dna"),
        ("Αθήνα", "athena"),
        ("Night Trains Return", "night-trains-return"),
        ("  --Hello,   World!!!  -- again?? ", "hello-world-again"),
        ("Q&A: 5 things / 10 ideas", "q-a-5-things-10-ideas"),
        ("COVID-19's toll", "covid-19-s-toll"),
    ])
    func transliteratesAndLowercases(title: String, expected: String) {
        #expect(Slug(from: title)?.value == expected)
    }

    @Test(arguments: ["東京で地震", "서울 뉴스", "北京", "Ελληνικά νέα", "日本語とEnglish"])
    func nonLatinScriptsGiveANonEmptyASCIISlug(title: String) throws {
        let slug = try #require(Slug(from: title)).value
        #expect(!slug.isEmpty)
        #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
    }

    @Test(arguments: ["", "   ", "!!!", "—", "../..", "/", ".", "..", "🙂🙂"])
    func textWithoutLettersOrDigitsGivesNoSlug(text: String) {
        #expect(Slug(from: text) == nil)
    }

    @Test(arguments: ["../../etc/passwd", "a/b\\c", "..hidden", "x/../../y", "trailing."])
    func neverContainsSlashesOrDots(text: String) throws {
        let slug = try #require(Slug(from: text)).value
        #expect(!slug.contains("/") && !slug.contains("\\") && !slug.contains("."))
        #expect(slug != "." && slug != "..")
    }

    // MARK: Length

    @Test func isCutAt80CharactersAtAWordBoundary() throws {
        let title = (1...30).map { "word\($0)" }.joined(separator: " ")
        let full = (1...30).map { "word\($0)" }.joined(separator: "-")
        let slug = try #require(Slug(from: title)).value
        #expect(slug.count <= 80)
        #expect(slug.count > 70)
        #expect(full.hasPrefix(slug))
        #expect(full[full.index(full.startIndex, offsetBy: slug.count)] == "-")
    }

    @Test func aSingleHugeWordIsCutAt80() {
        #expect(Slug(from: String(repeating: "a", count: 200))?.value == String(repeating: "a", count: 80))
    }

    @Test func exactly80CharactersIsKept() {
        let text = String(repeating: "ab-", count: 26) + "ab"  // 80 characters
        #expect(text.count == 80)
        #expect(Slug(from: text)?.value == text)
    }

    // MARK: Read back from the cache

    @Test func storedSlugsAreExactlyTheOnesSlugsAreMadeInto() throws {
        let titles = ["Zürich", "  --Hello,   World!!!  -- again?? ", "COVID-19's toll", "東京で地震", "a", "7",
                      String(repeating: "ab-", count: 26) + "ab", (1...30).map { "word\($0)" }.joined(separator: " ")]
        for title in titles {
            let slug = try #require(Slug(from: title))
            #expect(Slug(stored: slug.value) == slug)
            #expect(Slug(stored: slug.numbered(12).value) == slug.numbered(12))
        }
        for damaged in ["", "-a", "a-", "a--b", "Zurich", "zürich", "a b", "a/b", "..", String(repeating: "a", count: 81)] {
            #expect(Slug(stored: damaged) == nil, "\(damaged)")
            #expect(Slug(from: damaged)?.value != damaged)
        }
    }

    // MARK: Fallbacks

    @Test func fallsBackToTheFileNameThenToArticle() {
        #expect(defaultSlug(title: "!!!", path: "2024/01/Morning Brief.md").value == "morning-brief")
        #expect(defaultSlug(title: "!!!", path: "2024/01/2024.01.02.brief.md").value == "2024-01-02-brief")
        #expect(defaultSlug(title: "???", path: "2024/01/___.md").value == "article")
        #expect(defaultSlug(title: "Real title", path: "2024/01/file.md").value == "real-title")
    }

    @Test func articleWithPunctuationTitleUsesItsFileName() throws {
        let article = try #require(parseMarkdown("---\ntitle: \"?!\"\ndate: 2024-01-02\n---\n", path: "2024/01/q-and-a.md").article)
        #expect(article.slug.value == "q-and-a")
    }

    @Test func wireDumpWithPunctuationTitleUsesItsFileName() throws {
        let article = try #require(parseWire("Tuesday, 02 January 2024 12:17 GMT\n\n***\n\nBody.\n", path: "2024/01/flash.txt").article)
        #expect(article.slug.value == "flash")
    }

    // MARK: Same-day duplicates

    private func slugs(_ articles: [Article]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: makeSite(articles).articles.map { ($0.article.sourcePath, $0.path) })
    }

    private let twins = [
        makeArticle("Storm warning", date: "2024-01-02T09:00:00Z", path: "2024/01/c.md"),
        makeArticle("Storm warning", date: "2024-01-02T09:00:00Z", path: "2024/01/a.md"),
        makeArticle("Storm Warning!", date: "2024-01-02T08:00:00Z", path: "2024/01/z.md"),
    ]

    @Test func sameDayTwinsAreNumberedByTimeThenPath() {
        #expect(slugs(twins) == [
            "2024/01/z.md": "2024/01/02/storm-warning/",
            "2024/01/a.md": "2024/01/02/storm-warning-2/",
            "2024/01/c.md": "2024/01/02/storm-warning-3/",
        ])
    }

    @Test func numberingDoesNotDependOnInputOrder() {
        let expected = slugs(twins)
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]] {
            #expect(slugs(order.map { twins[$0] }) == expected)
        }
    }

    /// A day of more than 16 articles looks for twins with a set, a smaller one in pairs:
    /// both find the twin of the day's first article at its end (days of 4, 16, 17 and 41).
    @Test(arguments: [3, 15, 16, 40])
    func twinsAreFoundOnDaysOfAnySize(count: Int) {
        var articles = (0..<count).map { n in
            makeArticle("Story \(n)", date: "2024-01-02T\(String(format: "%02d", n % 24)):\(String(format: "%02d", n / 24)):00Z", path: "s\(n).md")
        }
        articles.append(makeArticle("Story 0", date: "2024-01-02T23:59:00Z", path: "twin.md"))
        let slugs = Dictionary(uniqueKeysWithValues: makeSite(articles).articles.map { ($0.article.sourcePath, $0.slug.value) })
        #expect(slugs["s0.md"] == "story-0")
        #expect(slugs["twin.md"] == "story-0-2")
        #expect(Set(slugs.values).count == count + 1)
    }

    @Test func differentDaysKeepTheSameSlug() {
        let site = makeSite([
            makeArticle("Storm warning", date: "2024-01-02T09:00:00Z", path: "a.md"),
            makeArticle("Storm warning", date: "2024-01-03T09:00:00Z", path: "b.md"),
        ])
        #expect(site.articles.map(\.slug.value) == ["storm-warning", "storm-warning"])
        #expect(site.articles.map(\.path) == ["2024/01/03/storm-warning/", "2024/01/02/storm-warning/"])
    }

    @Test func sameDayIsDecidedInTheSiteTimeZone() {
        let articles = [
            makeArticle("Storm warning", date: "2024-01-02T23:30:00Z", path: "a.md"),
            makeArticle("Storm warning", date: "2024-01-03T00:30:00Z", path: "b.md"),
        ]
        #expect(makeSite(articles).articles.map(\.slug.value).sorted() == ["storm-warning", "storm-warning"])
        let berlin = makeSite(articles) { $0.timeZone = TimeZone(identifier: "Europe/Berlin")! }
        #expect(berlin.articles.map(\.path).sorted() == ["2024/01/03/storm-warning-2/", "2024/01/03/storm-warning/"])
    }

    @Test func numberingSkipsSlugsAlreadyTaken() {
        let site = makeSite([
            makeArticle("Vote", date: "2024-01-02T09:00:00Z", path: "a.md"),
            makeArticle("Vote", date: "2024-01-02T10:00:00Z", path: "b.md"),
            makeArticle("Vote 2", date: "2024-01-02T08:00:00Z", path: "c.md"),
        ])
        let bySource = Dictionary(uniqueKeysWithValues: site.articles.map { ($0.article.sourcePath, $0.slug.value) })
        #expect(bySource == ["a.md": "vote", "b.md": "vote-3", "c.md": "vote-2"])
    }

    @Test func numberedSlugsStayWithin80Characters() {
        let title = (1...30).map { "word\($0)" }.joined(separator: " ")
        let site = makeSite([
            makeArticle(title, date: "2024-01-02T09:00:00Z", path: "a.md"),
            makeArticle(title, date: "2024-01-02T10:00:00Z", path: "b.md"),
        ])
        let numbered = site.articles.map(\.slug.value).filter { $0.hasSuffix("-2") }
        #expect(numbered.count == 1)
        #expect(numbered.allSatisfy { $0.count <= 80 })
        #expect(Set(site.articles.map(\.path)).count == 2)
    }
}
