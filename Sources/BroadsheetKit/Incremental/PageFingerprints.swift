/// For each templated page, a fingerprint of everything its view reads, so a page
/// whose fingerprint matches the last build's is neither rendered nor written.
/// Few, cheap pages (archive, topics, search, 404, feeds, sitemap, search index)
/// have none and are always rendered. When a view starts reading something new,
/// name it here too; `IncrementalBuildTests` compares incremental and clean builds.
struct PageFingerprints: Sendable {
    let site: Site
    let views: ViewBuilder
    /// Config, templates and version: what every page depends on.
    let siteKey: UInt64
    /// Per article (index into `site.articles`): its source and its place in the site.
    let articleKeys: [UInt64]

    init(site: Site, views: ViewBuilder, siteKey: UInt64, sourceHashes: [String: UInt64]) {
        self.site = site
        self.views = views
        self.siteKey = siteKey
        articleKeys = site.articles.map { placed in
            var key = Fingerprint()
            key.add(sourceHashes[placed.article.sourcePath] ?? 0)
            key.add(placed.path)
            key.add(placed.day.iso)
            for topic in placed.topics {
                key.add(topic.name)
                key.add(topic.slug.value)
            }
            return key.value
        }
    }

    func fingerprint(of page: Page) -> UInt64? {
        var key = Fingerprint()
        key.add(siteKey)
        key.add(page.file)
        switch page.content {
        case .article(let index):
            let (group, position) = views.dayPosition(of: index)
            let sameDay = site.days[group].articles
            addArticles([index] + [position - 1, position + 1].filter(sameDay.indices.contains).map { sameDay[$0] }, to: &key)
            addArticles(views.related(to: index), to: &key)
        case .listing(let listing):
            key.add(listing.number)
            key.add(listing.pageCount)
            addArticles(Array(listing.articles), to: &key)
            addContext(of: listing, to: &key)
        case .topicIndex, .archive, .search, .notFound, .siteFeed, .topicFeed, .sitemap, .searchIndex:
            return nil
        }
        return key.value
    }

    private func addArticles(_ indices: [Int], to key: inout Fingerprint) {
        key.add(indices.count)
        for index in indices { key.add(articleKeys[index]) }
    }

    /// What a listing shows besides its articles: periods with counts, neighbour days, a chart.
    private func addContext(of listing: Listing, to key: inout Fingerprint) {
        switch listing.kind {
        case .home:
            break
        case .topic(let index):
            guard listing.number == 1 else { return }
            key.add(site.days.first?.day.iso)
            key.add(site.days.last?.day.iso)
            for article in site.topics[index].articles { key.add(site.articles[article].day.iso) }
        case .day(let index):
            for neighbour in [index - 1, index + 1] where site.days.indices.contains(neighbour) {
                key.add(site.days[neighbour].day.iso)
            }
        case .month(let index):
            for day in views.daysOfMonth[site.months[index].day] ?? [] {
                key.add(site.days[day].day.iso)
                key.add(site.days[day].articles.count)
            }
        case .year(let index):
            for month in views.monthsOfYear[site.years[index].day.year] ?? [] {
                key.add(site.months[month].day.iso)
                key.add(site.months[month].articles.count)
            }
        }
    }
}
