import Foundation
import Testing
@testable import BroadsheetKit

/// Related articles on article pages, previous/next day on day pages, the search page and box.
@Suite struct ReaderNavigationTests {
    private func titles(_ indices: [Int], in site: Site) -> [String] {
        indices.map { site.articles[$0].article.title }
    }

    private func index(of title: String, in site: Site) throws -> Int {
        try #require(site.articles.firstIndex { $0.article.title == title })
    }

    // MARK: Related articles

    @Test func relatedArticlesShareTopicsAndAreNearestInTime() throws {
        let site = makeSite([
            makeArticle("Target", date: "2024-03-10T12:00:00Z", topics: ["Energy", "Economy"]),
            makeArticle("Both topics, far", date: "2024-01-01T12:00:00Z", topics: ["Economy", "Energy"]),
            makeArticle("Energy, a day later", date: "2024-03-11T12:00:00Z", topics: ["Energy"]),
            makeArticle("Economy, two days earlier", date: "2024-03-08T12:00:00Z", topics: ["Economy"]),
            makeArticle("Energy, a week earlier", date: "2024-03-03T12:00:00Z", topics: ["Energy"]),
            makeArticle("Energy, a month later", date: "2024-04-10T12:00:00Z", topics: ["Energy"]),
            makeArticle("Culture, same hour", date: "2024-03-10T12:30:00Z", topics: ["Culture"]),
        ])
        let views = ViewBuilder(site: site)
        let related = views.related(to: try index(of: "Target", in: site))
        #expect(titles(related, in: site) == ["Both topics, far", "Energy, a day later", "Economy, two days earlier", "Energy, a week earlier"])
        #expect(related.count == ViewBuilder.relatedCount)
    }

    @Test func tiesGoToTheNewerArticle() throws {
        let site = makeSite([
            makeArticle("Middle", date: "2024-03-10T12:00:00Z", topics: ["Energy"]),
            makeArticle("Before", date: "2024-03-09T12:00:00Z", topics: ["Energy"]),
            makeArticle("After", date: "2024-03-11T12:00:00Z", topics: ["Energy"]),
        ])
        let related = ViewBuilder(site: site).related(to: try index(of: "Middle", in: site))
        #expect(titles(related, in: site) == ["After", "Before"])
    }

    @Test func articlesWithoutTopicsHaveNoRelatedArticles() throws {
        let site = makeSite([
            makeArticle("Alone", date: "2024-03-10T12:00:00Z"),
            makeArticle("Other", date: "2024-03-10T13:00:00Z", topics: ["Energy"]),
        ])
        #expect(ViewBuilder(site: site).related(to: try index(of: "Alone", in: site)).isEmpty)
        #expect(ViewBuilder(site: site).related(to: try index(of: "Other", in: site)).isEmpty)
    }

    @Test func relatedArticlesInALongTopicAreItsNeighbours() throws {
        let site = makeSite((0..<2000).map { n in
            makeArticle("Story \(n)", date: "2024-01-01T00:00:00Z", topics: ["Energy"], path: "s/\(n).md")
        }.enumerated().map { n, article in
            var article = article
            article.date = Date(timeIntervalSince1970: 1_704_067_200 + Double(n) * 3600)
            return article
        })
        let views = ViewBuilder(site: site)
        let related = views.related(to: try index(of: "Story 1000", in: site))
        #expect(Set(titles(related, in: site)) == ["Story 999", "Story 1001", "Story 998", "Story 1002"])
        #expect(Set(titles(views.related(to: try index(of: "Story 0", in: site)), in: site)) == ["Story 1", "Story 2", "Story 3", "Story 4"])
    }

    @Test func articlePagesListRelatedArticlesWithRelativeLinks() throws {
        let site = makeSite([
            makeArticle("Target", date: "2024-03-10T12:00:00Z", topics: ["Energy"]),
            makeArticle("Neighbour", date: "2024-02-01T12:00:00Z", topics: ["Energy"]),
        ])
        let plan = PagePlan(site)
        let page = try #require(plan.pages.first { $0.file == "2024/03/10/target/index.html" })
        let article = try #require(ViewBuilder(site: site).view(of: page).article)
        #expect(article.related.map(\.title) == ["Neighbour"])
        #expect(article.related.map(\.url) == ["../../../../2024/02/01/neighbour/index.html"])
        #expect(article.related.allSatisfy { $0.body == nil && $0.related.isEmpty })
    }

    // MARK: Previous and next day

    @Test func dayPagesLinkTheNearestDaysWithArticles() throws {
        let site = makeSite([
            makeArticle("First", date: "2024-01-01T09:00:00Z"),
            makeArticle("Second", date: "2024-01-05T09:00:00Z"),
            makeArticle("Second again", date: "2024-01-05T10:00:00Z"),
            makeArticle("Third", date: "2024-02-09T09:00:00Z"),
        ]) { $0.perPage = 1 }
        let plan = PagePlan(site)
        let views = ViewBuilder(site: site)
        func dayLinks(_ file: String) throws -> (previous: LinkView?, next: LinkView?) {
            let page = try #require(plan.pages.first { $0.file == file })
            let listing = try #require(views.view(of: page).listing)
            return (listing.previousDay, listing.nextDay)
        }
        let middle = try dayLinks("2024/01/05/index.html")
        #expect(middle.previous?.name == "1 January 2024")
        #expect(middle.previous?.url == "../../../2024/01/01/index.html")
        #expect(middle.next?.name == "9 February 2024")
        #expect(middle.next?.url == "../../../2024/02/09/index.html")
        // Page 2 of a day links the same days, relative to its own folder.
        let second = try dayLinks("2024/01/05/page/2/index.html")
        #expect(second.previous?.url == "../../../../../2024/01/01/index.html")
        #expect(try dayLinks("2024/01/01/index.html").previous == nil)
        #expect(try dayLinks("2024/02/09/index.html").next == nil)
        // Other listings have no day links.
        #expect(try dayLinks("2024/01/index.html").previous == nil)
        #expect(try dayLinks("index.html").next == nil)
    }

    // MARK: Search page and search box

    @Test func theSearchPageAndIndexArePlanned() throws {
        let site = makeSite([makeArticle("One", date: "2024-01-02T09:00:00Z")])
        let plan = PagePlan(site)
        let search = try #require(plan.pages.first { if case .search = $0.content { true } else { false } })
        #expect(search.file == "search/index.html")
        #expect(search.path == "search/")
        #expect(plan.pages.contains { if case .searchIndex = $0.content { $0.file == "search-index.js" } else { false } })
        let view = ViewBuilder(site: site).view(of: search)
        #expect(view.title == "Search")
        #expect(view.root == "../")
    }

    @Test func everyPageLinksTheSearchPage() throws {
        let site = makeSite([makeArticle("One", date: "2024-01-02T09:00:00Z", topics: ["Energy"])])
        let plan = PagePlan(site)
        let views = ViewBuilder(site: site)
        for page in plan.pages where page.file.hasSuffix(".html") {
            let link = views.view(of: page).nav.search
            #expect(resolve(link, from: page.file) == "search/index.html", "\(page.file): \(link)")
        }
        let pretty = makeSite([makeArticle("One", date: "2024-01-02T09:00:00Z")]) { $0.prettyURLs = true }
        let article = try #require(PagePlan(pretty).pages.first { if case .article = $0.content { true } else { false } })
        #expect(ViewBuilder(site: pretty).view(of: article).nav.search == "../../../../search/")
    }

    @Test func theNotFoundPageLinksSearchAbsolutelyWithABaseURL() throws {
        let site = makeSite([]) { $0.baseURL = "https://example.org/digest/" }
        let page = try #require(PagePlan(site).pages.first { $0.file == "404.html" })
        #expect(ViewBuilder(site: site).view(of: page).nav.search == "https://example.org/digest/search/index.html")
    }
}
