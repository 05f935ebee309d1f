import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct ConfigTests {
    private func parse(_ text: String) -> Result<SiteConfig, BuildFailure> {
        SiteConfig.parse(text, path: "site.yml")
    }

    private func failure(_ text: String) -> [Diagnostic] {
        guard case .failure(let failure) = parse(text) else { return [] }
        return failure.diagnostics
    }

    @Test func defaults() {
        let config = SiteConfig()
        #expect(config.title == "Broadsheet")
        #expect(config.description == "")
        #expect(config.language == "en")
        #expect(config.baseURL == nil)
        #expect(config.timeZone.secondsFromGMT(for: instant("2024-07-01T00:00:00Z")) == 0)
        #expect(config.perPage == 20)
        #expect(config.feedItems == 50)
        #expect(config.prettyURLs == false)
        #expect(config.topicMinHits == 2)
        #expect(config.topicRules.isEmpty)
        #expect(config.wireTrailerPatterns == SiteConfig.defaultTrailerPatterns)
    }

    @Test func emptyFileGivesTheDefaults() throws {
        let config = try parse("# nothing set yet\n").get()
        #expect(config.perPage == 20)
        #expect(config.warnings.isEmpty)
    }

    @Test func readsEveryKey() throws {
        let config = try parse("""
        title: The Eastmere Digest
        description: News & notes
        language: de
        base_url: https://example.org/digest
        timezone: Europe/Berlin
        per_page: 5
        feed_items: 10
        pretty_urls: true
        topic_min_hits: 3
        topics:
          Energy: [oil, gas]
          Black Sea: Odesa
          Ukraine:
            - Kyiv
            - Ukraine
        wire:
          trailer:
            - '^-- END'
            - '^Copyright'
        """).get()
        #expect(config.title == "The Eastmere Digest")
        #expect(config.description == "News & notes")
        #expect(config.language == "de")
        #expect(config.baseURL == "https://example.org/digest/")
        #expect(config.timeZone.identifier == "Europe/Berlin")
        #expect(config.perPage == 5)
        #expect(config.feedItems == 10)
        #expect(config.prettyURLs)
        #expect(config.topicMinHits == 3)
        #expect(config.topicRules == [
            TopicRule(name: "Energy", keywords: ["oil", "gas"]),
            TopicRule(name: "Black Sea", keywords: ["Odesa"]),
            TopicRule(name: "Ukraine", keywords: ["Kyiv", "Ukraine"]),
        ])
        #expect(config.wireTrailerPatterns == ["^-- END", "^Copyright"])
        #expect(config.warnings.isEmpty)
    }

    @Test func unknownKeyIsAWarningWithItsLine() throws {
        let config = try parse("title: X\ncolour: blue\nwire:\n  trailer: []\n  footer: x\n").get()
        #expect(config.title == "X")
        #expect(config.warnings.map(\.line) == [2, 5])
        #expect(config.warnings.allSatisfy { $0.severity == .warning && $0.path == "site.yml" })
        #expect(config.warnings.first?.message.contains("`colour`") == true)
    }

    @Test func badTimeZoneIsAnErrorAtItsLine() {
        let errors = failure("title: X\ntimezone: Mars/Olympus\n")
        #expect(errors.map(\.line) == [2])
        #expect(errors.first?.message.contains("Mars/Olympus") == true)
    }

    @Test(arguments: ["0", "-3", "many", "2.5", "[1, 2]"])
    func perPageMustBeAPositiveWholeNumber(value: String) {
        let errors = failure("title: X\n\nper_page: \(value)\n")
        #expect(errors.map(\.line) == [3])
        #expect(errors.allSatisfy { $0.severity == .error && $0.path == "site.yml" })
    }

    @Test func invalidRegexIsAnErrorAtThePatternsLine() {
        let errors = failure("wire:\n  trailer:\n    - '^ok'\n    - '[unclosed'\n")
        #expect(errors.map(\.line) == [4])
        #expect(errors.first?.message.contains("[unclosed") == true)
    }

    @Test func invalidBaseURLIsAnError() {
        let errors = failure("base_url: example.org\n")
        #expect(errors.map(\.line) == [1])
    }

    @Test func badBooleanIsAnError() {
        #expect(failure("pretty_urls: sometimes\n").map(\.line) == [1])
    }

    @Test func topicsMustBeAMappingOfKeywordLists() {
        #expect(failure("topics: [oil, gas]\n").map(\.line) == [1])
        #expect(failure("topics:\n  Energy: [oil, gas]\n  \"!!!\": [x]\n").map(\.line) == [3])
        #expect(failure("topics:\n  Energy:\n    nested: map\n").count == 1)
    }

    @Test func everyErrorIsReportedSortedByLine() {
        let errors = failure("per_page: 0\ntitle: ok\ntimezone: Nowhere/Place\nfeed_items: none\n")
        #expect(errors.map(\.line) == [1, 3, 4])
    }

    @Test func yamlSyntaxErrorHasALine() {
        let errors = failure("title: X\nper_page: 2: 3\n")
        #expect(errors.count == 1)
        #expect(errors.first?.line == 2)
    }

    @Test func duplicateKeyIsAnError() {
        let errors = failure("title: X\nper_page: 2\nper_page: 3\n")
        #expect(errors.map(\.line) == [3])
        #expect(errors.first?.message.contains("`per_page` appears twice") == true)
    }

    @Test func configThatIsNotAMappingIsAnError() {
        #expect(failure("- title\n- X\n").map(\.line) == [1])
    }
}
