/// For each page, a fingerprint of everything it is made from, so a page whose
/// fingerprint matches the last build's is neither rendered nor written. When a view
/// starts reading something new, name it here too; `IncrementalBuildTests` compares
/// incremental and clean builds after every kind of edit.
struct PageFingerprints: Sendable {
    let site: Site
    let plan: PagePlan
    let views: ViewBuilder
    /// Config, templates and version: what every page depends on.
    let siteKey: UInt64
    /// Per article (index into `site.articles`): its source and its place in the site.
    let articleKeys: [UInt64]
    /// Per article: what a card, a related article or a neighbour link shows of it (its
    /// `ArticleView` without the body), so that an edit of a body alone re-renders the
    /// article's page and the feeds, not every list that shows the article.
    let cardKeys: [UInt64]
    /// Per article: what its search index entry is made from (`SearchIndex.entryKey`).
    let searchKeys: [UInt64]

    /// An article's `sourceHash` stands for all its own fields.
    init(site: Site, plan: PagePlan, views: ViewBuilder, siteKey: UInt64) {
        self.site = site
        self.plan = plan
        self.views = views
        self.siteKey = siteKey
        let keys = Array(site.articles.indices).parallelMap { index in   // fields read in place, not copied
            var place = Fingerprint()
            place.add(site.articles[index].path)
            place.add(site.articles[index].day)
            for topic in site.articles[index].topics {
                place.add(topic.name)
                place.add(topic.slug.value)
            }
            var source = place
            source.add(site.articles[index].article.sourceHash)
            return (source.value, Self.cardKey(of: index, in: site, place: place), SearchIndex.entryKey(of: index, in: site))
        }
        articleKeys = keys.map(\.0)
        cardKeys = keys.map(\.1)
        searchKeys = keys.map(\.2)
    }

    /// `place` with every field that `ViewBuilder.articleView(_:up:full:)` shows of an article without `full`.
    private static func cardKey(of index: Int, in site: Site, place: Fingerprint) -> UInt64 {
        var key = place
        key.add(site.articles[index].article.title)
        key.add(site.articles[index].article.date.timeIntervalSince1970.bitPattern)
        key.add(site.articles[index].article.summary)
        key.add(site.articles[index].article.author)
        key.add(site.articles[index].article.source)
        key.add(site.articles[index].article.sourceURL)
        key.add(site.articles[index].article.sourceID)
        key.add(site.articles[index].article.readingMinutes)
        for (name, value) in site.articles[index].article.params.sorted(by: { $0.key < $1.key }) {
            key.add(name)
            key.add(value)
        }
        return key.value
    }

    func fingerprint(of page: Page) -> UInt64 {
        var key = Fingerprint()
        key.add(siteKey)
        key.add(page.file)
        switch page.content {
        case .article(let index):
            let (group, position) = views.dayPosition(of: index)
            let sameDay = site.days[group].articles
            key.add(articleKeys[index])
            // Its day's articles from the one before it to the one after it (its neighbour
            // links), as a slice: no new array for each of 10,000 article pages.
            addCards(sameDay[max(sameDay.startIndex, position - 1)..<min(sameDay.endIndex, position + 2)], to: &key)
            for candidates in views.relatedCandidates(of: index) { addCards(candidates, to: &key) }
        case .listing(let listing):
            key.add(listing.number)
            key.add(listing.pageCount)
            addCards(listing.articles, to: &key)
            addContext(of: listing, to: &key)
        case .topicIndex:
            for group in site.topics {
                key.add(group.topic.name)
                key.add(group.topic.slug.value)
                key.add(group.articles.count)
            }
        case .archive:
            for group in site.days {
                key.add(group.day)
                key.add(group.articles.count)
            }
        case .search, .notFound:
            break
        case .siteFeed:
            addArticles(Array(site.articles.indices.prefix(site.config.feedItems)), to: &key)
        case .topicFeed(let index):
            key.add(site.topics[index].topic.name)
            addArticles(Array(site.topics[index].articles.prefix(site.config.feedItems)), to: &key)
        case .sitemap:
            for page in plan.pages {
                key.add(page.path)
                if case .article(let index) = page.content { key.add(site.articles[index].article.date.timeIntervalSince1970.bitPattern) }
            }
        case .searchIndex:
            for group in site.topics { key.add(group.topic.name) }
            for group in site.days {
                key.add(group.day)
                for index in group.articles { key.add(searchKeys[index]) }
            }
        }
        return key.value
    }

    private func addArticles(_ indices: [Int], to key: inout Fingerprint) {
        key.add(indices.count)
        for index in indices { key.add(articleKeys[index]) }
    }

    private func addCards(_ indices: some Collection<Int>, to key: inout Fingerprint) {
        key.add(indices.count)
        for index in indices { key.add(cardKeys[index]) }
    }

    /// What a listing shows besides its articles: periods with counts, neighbour days, a chart.
    private func addContext(of listing: Listing, to key: inout Fingerprint) {
        switch listing.kind {
        case .home:
            break
        case .topic(let index):
            guard listing.number == 1 else { return }
            key.add(site.days.first?.day)
            key.add(site.days.last?.day)
            for article in site.topics[index].articles { key.add(site.articles[article].day) }
        case .day(let index):
            for neighbour in [index - 1, index + 1] where site.days.indices.contains(neighbour) {
                key.add(site.days[neighbour].day)
            }
        case .month(let index):
            for day in views.daysOfMonth[site.months[index].day] ?? [] {
                key.add(site.days[day].day)
                key.add(site.days[day].articles.count)
            }
        case .year(let index):
            for month in views.monthsOfYear[site.years[index].day.year] ?? [] {
                key.add(site.months[month].day)
                key.add(site.months[month].articles.count)
            }
        }
    }
}
