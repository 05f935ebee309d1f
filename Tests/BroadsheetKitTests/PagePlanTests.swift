import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct PagePlanTests {
    @Test func daysGroupTheirArticlesNewestFirstEvenWhenAClockPutsALaterArticleOnAnEarlierDay() {
        let first = Day(year: 2024, month: 3, day: 2), second = Day(year: 2024, month: 3, day: 1)
        let runs = Site.groups([first, first, second, second])
        #expect(runs.map(\.day) == [first, second] && runs.map(\.articles) == [[0, 1], [2, 3]])
        // Articles in date order whose days go back and forth (a clock set back across midnight).
        let mixed = Site.groups([second, first, second])
        #expect(mixed.map(\.day) == [first, second] && mixed.map(\.articles) == [[1], [0, 2]])
    }

    private func plan(_ articles: [Article], perPage: Int = 2, baseURL: String? = nil,
                      pretty: Bool = false) -> (Site, PagePlan) {
        let site = makeSite(articles) {
            $0.perPage = perPage
            $0.baseURL = baseURL
            $0.prettyURLs = pretty
        }
        return (site, PagePlan(site))
    }

    private func listings(_ plan: PagePlan, _ kind: Listing.Kind) -> [(file: String, listing: Listing)] {
        plan.pages.compactMap { page in
            guard case .listing(let listing) = page.content, listing.kind == kind else { return nil }
            return (page.file, listing)
        }
    }

    /// Whatever order the files come in, every group lists the site's articles newest
    /// first, by their index in `site.articles` (which is itself newest first).
    @Test func groupsReferToArticlesInSiteOrder() {
        let titles = ["Oldest", "Middle", "Newest", "Same day later"]
        let articles = [
            makeArticle("Middle", date: "2024-01-02T09:00:00Z", topics: ["Energy"]),
            makeArticle("Oldest", date: "2024-01-01T09:00:00Z", topics: ["Energy", "Transport"]),
            makeArticle("Same day later", date: "2024-02-05T18:00:00Z", topics: ["Transport"]),
            makeArticle("Newest", date: "2024-02-05T08:00:00Z"),
        ]
        for order in [articles, articles.reversed(), [articles[2], articles[0], articles[3], articles[1]]] {
            let site = makeSite(order)
            let title = { (index: Int) in site.articles[index].article.title }
            #expect(site.articles.map(\.article.title) == ["Same day later", "Newest", "Middle", "Oldest"])
            #expect(site.topics.map { $0.articles.map(title) } == [["Middle", "Oldest"], ["Same day later", "Oldest"]])
            #expect(site.days.map { $0.articles.map(title) } == [["Same day later", "Newest"], ["Middle"], ["Oldest"]])
            #expect(site.months.map { $0.articles.map(title) } == [["Same day later", "Newest"], ["Middle", "Oldest"]])
            #expect(site.years.map { $0.articles.map(title) } == [["Same day later", "Newest", "Middle", "Oldest"]])
            #expect(Set(site.articles.map(\.article.title)) == Set(titles))
        }
    }

    // MARK: Pagination

    @Test func homeIsSplitIntoPagesOfPerPage() {
        let (site, plan) = plan(hourlyArticles(5))
        let home = listings(plan, .home)
        #expect(home.map(\.file) == ["index.html", "page/2/index.html", "page/3/index.html"])
        #expect(home.map(\.listing.number) == [1, 2, 3])
        #expect(home.allSatisfy { $0.listing.pageCount == 3 })
        let titles = home.map { $0.listing.articles.map { site.articles[$0].article.title } }
        #expect(titles == [["Story 5", "Story 4"], ["Story 3", "Story 2"], ["Story 1"]])
    }

    @Test func anExactMultipleMakesNoEmptyLastPage() {
        let (_, plan) = plan(hourlyArticles(4))
        #expect(listings(plan, .home).map(\.file) == ["index.html", "page/2/index.html"])
    }

    @Test func anEmptySiteHasOneEmptyHomePage() {
        let (_, plan) = plan([])
        let home = listings(plan, .home)
        #expect(home.count == 1)
        #expect(home.first?.listing.articles.isEmpty == true)
        #expect(plan.pages.map(\.file).sorted() == ["404.html", "archive/index.html", "index.html", "search-index.js", "search/index.html", "topics/index.html"])
    }

    @Test func topicAndDatePagesArePaginatedToo() {
        let (site, plan) = plan(hourlyArticles(3, topics: ["Energy"]))
        #expect(listings(plan, .topic(0)).map(\.file) == ["topics/energy/index.html", "topics/energy/page/2/index.html"])
        #expect(listings(plan, .day(0)).map(\.file) == ["2024/01/02/index.html", "2024/01/02/page/2/index.html"])
        #expect(listings(plan, .month(0)).map(\.file) == ["2024/01/index.html", "2024/01/page/2/index.html"])
        #expect(listings(plan, .year(0)).map(\.file) == ["2024/index.html", "2024/page/2/index.html"])
        #expect(site.topics.first?.topic.name == "Energy")
    }

    @Test func perPageOfOneGivesAPagePerArticle() {
        let (_, plan) = plan(hourlyArticles(3), perPage: 1)
        #expect(listings(plan, .home).map(\.listing.articles.count) == [1, 1, 1])
    }

    @Test func previousAndNextLinksAreRelativeToEachPage() throws {
        let (site, plan) = plan(hourlyArticles(5))
        let views = ViewBuilder(site: site)
        let pages = plan.pages.filter { if case .listing(let l) = $0.content { l.kind == .home } else { false } }
        let links = pages.map { views.view(of: $0).listing?.pagination }
        #expect(links.map { $0?.previous } == [nil, "../../index.html", "../../page/2/index.html"])
        #expect(links.map { $0?.next } == ["page/2/index.html", "../../page/3/index.html", nil])
        #expect(links.map { $0?.number } == [1, 2, 3])
    }

    @Test func topicPaginationLinksWithPrettyURLs() throws {
        let (site, plan) = plan(hourlyArticles(3, topics: ["Energy"]), pretty: true)
        let views = ViewBuilder(site: site)
        let pages = plan.pages.filter { if case .listing(let l) = $0.content { l.kind == .topic(0) } else { false } }
        let links = pages.map { views.view(of: $0).listing?.pagination }
        #expect(links.map { $0?.previous } == [nil, "../../../../topics/energy/"])
        #expect(links.map { $0?.next } == ["../../topics/energy/page/2/", nil])
    }

    @Test func aSinglePageHasNoPagination() {
        let (site, plan) = plan(hourlyArticles(2))
        let home = plan.pages.first { $0.file == "index.html" }
        #expect(home.map { ViewBuilder(site: site).view(of: $0).listing?.pagination == nil } == true)
    }

    // MARK: Articles and other pages

    @Test func articlePagesLiveUnderTheirDay() {
        let (_, plan) = plan([makeArticle("Night trains return", date: "2024-01-02T12:17:00Z")])
        let articlePages = plan.pages.filter { if case .article = $0.content { true } else { false } }
        #expect(articlePages.map(\.file) == ["2024/01/02/night-trains-return/index.html"])
        #expect(articlePages.map(\.path) == ["2024/01/02/night-trains-return/"])
    }

    @Test func everyFileIsUniqueAndInsideTheSite() {
        let (_, plan) = plan(hourlyArticles(5, topics: ["Energy", "Black Sea"]), baseURL: "https://example.org/")
        let files = plan.pages.map(\.file)
        #expect(Set(files).count == files.count)
        #expect(files.allSatisfy { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") })
    }

    // MARK: Feeds and sitemap

    @Test func feedsAndSitemapAreOnlyPlannedWithABaseURL() {
        let articles = hourlyArticles(3, topics: ["Energy", "Black Sea"])
        let (_, without) = plan(articles)
        #expect(without.pages.filter { $0.file.hasSuffix(".xml") }.isEmpty)
        let (_, with) = plan(articles, baseURL: "https://example.org/news/")
        #expect(with.pages.filter { $0.file.hasSuffix(".xml") }.map(\.file).sorted()
            == ["feed.xml", "sitemap.xml", "topics/black-sea/feed.xml", "topics/energy/feed.xml"])
    }

    @Test func canonicalLinksUseTheBaseURLInThePrettyForm() throws {
        let (site, plan) = plan([makeArticle("Night trains", date: "2024-01-02T12:17:00Z", topics: ["Energy"])],
                                baseURL: "https://example.org/news/")
        let views = ViewBuilder(site: site)
        let canonical = Dictionary(uniqueKeysWithValues: plan.pages.filter { $0.file.hasSuffix(".html") }.map { ($0.file, views.view(of: $0).canonicalURL) })
        #expect(canonical["index.html"] == "https://example.org/news/")
        #expect(canonical["topics/energy/index.html"] == "https://example.org/news/topics/energy/")
        #expect(canonical["2024/01/02/night-trains/index.html"] == "https://example.org/news/2024/01/02/night-trains/")
        #expect(canonical["404.html"] == .some(nil))
    }

    @Test func withoutABaseURLThereAreNoAbsoluteURLs() throws {
        let (site, plan) = plan([makeArticle("Night trains", date: "2024-01-02T12:17:00Z", topics: ["Energy"])])
        let views = ViewBuilder(site: site)
        for page in plan.pages {
            let view = views.view(of: page)
            #expect(view.canonicalURL == nil)
            #expect(view.feedURL == nil)
            #expect(view.site.feedURL == nil)
        }
    }

    // MARK: Days in the site's time zone

    @Test func datesAreGroupedInTheSiteTimeZone() {
        let late = makeArticle("Late", date: "2024-01-31T23:30:00Z")
        let utcSite = makeSite([late])
        #expect(utcSite.articles.first?.path == "2024/01/31/late/")
        let tokyo = makeSite([late]) { $0.timeZone = TimeZone(identifier: "Asia/Tokyo")! }
        #expect(tokyo.articles.first?.path == "2024/02/01/late/")
        #expect(tokyo.months.map(\.day.monthPath) == ["2024/02/"])
    }

    @Test func newestFirstWithTiesBrokenBySlug() {
        let site = makeSite([
            makeArticle("Bravo", date: "2024-01-02T10:00:00Z"),
            makeArticle("Alpha", date: "2024-01-02T10:00:00Z"),
            makeArticle("Older", date: "2024-01-01T10:00:00Z"),
            makeArticle("Newer", date: "2024-02-01T10:00:00Z"),
        ])
        #expect(site.articles.map(\.article.title) == ["Newer", "Alpha", "Bravo", "Older"])
        #expect(site.days.map(\.day.iso) == ["2024-02-01", "2024-01-02", "2024-01-01"])
        #expect(site.months.map(\.day.monthPath) == ["2024/02/", "2024/01/"])
    }

    /// The site is put in order by swapping its articles along the cycles of the sorted
    /// order; every arrangement must come out as the order says.
    @Test func permutingFollowsEveryCycle() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 7, 50] {
            let order = Array(0..<count).shuffled(using: &generator)
            var values = (0..<count).map { "v\($0)" }
            values.permute(by: order)
            #expect(values == order.map { "v\($0)" })
        }
        var reversed = ["a", "b", "c", "d"]
        reversed.permute(by: [3, 2, 1, 0])
        #expect(reversed == ["d", "c", "b", "a"])
    }

    @Test func articlePagesLinkToTheirSameDayNeighbours() throws {
        let (site, plan) = plan([
            makeArticle("Morning", date: "2024-01-02T08:00:00Z"),
            makeArticle("Noon", date: "2024-01-02T12:00:00Z"),
            makeArticle("Evening", date: "2024-01-02T20:00:00Z"),
            makeArticle("Next day", date: "2024-01-03T08:00:00Z"),
        ])
        let views = ViewBuilder(site: site)
        func neighbours(_ title: String) throws -> (String?, String?) {
            let page = try #require(plan.pages.first { if case .article(let i) = $0.content { site.articles[i].article.title == title } else { false } })
            let article = try #require(views.view(of: page).article)
            return (article.previous?.url, article.next?.url)
        }
        let up = "../../../../2024/01/02/"
        #expect(try neighbours("Noon") == (up + "morning/index.html", up + "evening/index.html"))
        #expect(try neighbours("Morning") == (nil, up + "noon/index.html"))
        #expect(try neighbours("Evening") == (up + "noon/index.html", nil))
        #expect(try neighbours("Next day") == (nil, nil))
    }
}
