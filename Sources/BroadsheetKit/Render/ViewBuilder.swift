import Foundation

/// Builds the template view of each HTML page from the site. Lookups that many
/// pages share (an article's place in its day, the months of a year) are made once.
struct ViewBuilder: Sendable {
    let site: Site
    let layout: URLLayout
    /// For each article: its day group and position in it (newest first).
    private let dayPosition: [(group: Int, position: Int)]
    /// Indices into `site.months` by year, and into `site.days` by month (`Day.monthKey`).
    let monthsOfYear: [Int: [Int]]
    let daysOfMonth: [Day: [Int]]
    /// For each article: its topics' indices in `site.topics` and its position in each topic's list.
    private let topicPositions: [[(topic: Int, position: Int)]]

    /// How many related articles an article page shows, and how far along each topic's
    /// (time-ordered) list of articles to look for them.
    static let relatedCount = 4
    static let relatedWindow = 6

    init(site: Site) {
        self.site = site
        layout = URLLayout(prettyURLs: site.config.prettyURLs, baseURL: site.config.baseURL)
        var positions = [(group: Int, position: Int)](repeating: (0, 0), count: site.articles.count)
        for (group, day) in site.days.enumerated() {
            for (position, article) in day.articles.enumerated() { positions[article] = (group, position) }
        }
        dayPosition = positions
        monthsOfYear = Dictionary(grouping: site.months.indices) { site.months[$0].day.year }
        daysOfMonth = Dictionary(grouping: site.days.indices) { site.days[$0].day.monthKey }
        var inTopics = [[(topic: Int, position: Int)]](repeating: [], count: site.articles.count)
        for (topic, group) in site.topics.enumerated() {
            for (position, article) in group.articles.enumerated() { inTopics[article].append((topic, position)) }
        }
        topicPositions = inTopics
    }

    /// The day group of article `index` and its position there (newest first).
    func dayPosition(of index: Int) -> (group: Int, position: Int) {
        dayPosition[index]
    }

    func view(of page: Page) -> PageView {
        var view = frame(page)
        switch page.content {
        case .listing(let listing):
            view.listing = listingView(listing, from: page.path)
            view.title = view.listing?.heading ?? ""
            view.isHome = listing.kind == .home && listing.number == 1
            if listing.number > 1 { view.title = listing.kind == .home ? "Page \(listing.number)" : view.title + " · page \(listing.number)" }
            if case .topic(let index) = listing.kind {
                view.feedURL = layout.absolute(URLLayout.topicPath(site.topics[index].topic.slug) + "feed.xml")
                view.description = "Articles about \(site.topics[index].topic.name)."
            }
            view.breadcrumbs = breadcrumbs(for: listing.kind, from: page.path)
        case .article(let index):
            let article = articleView(index, from: page.path, full: true)
            view.article = article
            view.title = article.title
            view.description = article.summary
            view.breadcrumbs = dateCrumbs(site.articles[index].day, depth: 3, from: page.path)
        case .topicIndex:
            view.title = "Topics"
            view.topics = site.topics.map { group in
                TopicCountView(name: group.topic.name, url: layout.link(from: page.path, to: URLLayout.topicPath(group.topic.slug)), count: group.articles.count)
            }
            view.breadcrumbs = [home(from: page.path)]
        case .archive:
            view.title = "Archive"
            view.archive = site.years.indices.map { periodView(year: $0, from: page.path, deep: true) }
            let heatMap = CalendarHeatMap.render(site.days.map { group in
                CalendarHeatMap.Entry(day: group.day, count: group.articles.count, url: layout.link(from: page.path, to: group.day.dayPath))
            })
            view.archiveHeatMap = heatMap.isEmpty ? nil : heatMap
            view.breadcrumbs = [home(from: page.path)]
        case .search:
            view.title = "Search"
            view.description = "Search the articles of \(site.config.title)."
            view.breadcrumbs = [home(from: page.path)]
        case .notFound:
            view.title = "Page not found"
            view.canonicalURL = nil
            // Hosts serve 404.html for misses at any depth, where relative links break; with a base URL they need not.
            if let base = layout.baseURL {
                let suffix = layout.prettyURLs ? "" : "index.html"
                view.root = base
                view.nav = NavView(home: base + suffix, topics: base + URLLayout.topicsPath + suffix, archive: base + URLLayout.archivePath + suffix,
                                   search: base + URLLayout.searchPath + suffix)
            }
        case .siteFeed, .topicFeed, .sitemap, .searchIndex:
            break
        }
        return view
    }

    var siteView: SiteView {
        let config = site.config
        return SiteView(title: config.title, description: config.description, language: config.language,
                        baseURL: config.baseURL, feedURL: layout.absolute("feed.xml"))
    }

    private func frame(_ page: Page) -> PageView {
        let config = site.config
        let siteFeed = layout.absolute("feed.xml")
        return PageView(
            site: siteView,
            title: config.title, description: config.description, root: URLLayout.root(from: page.path),
            canonicalURL: layout.absolute(page.path), feedURL: siteFeed,
            nav: NavView(home: layout.link(from: page.path, to: ""),
                         topics: layout.link(from: page.path, to: URLLayout.topicsPath),
                         archive: layout.link(from: page.path, to: URLLayout.archivePath),
                         search: layout.link(from: page.path, to: URLLayout.searchPath)),
            breadcrumbs: [], isHome: false, listing: nil, article: nil, topics: nil, archive: nil)
    }

    private func listingView(_ listing: Listing, from path: String) -> ListingView {
        let heading: String
        var periods: [PeriodView] = []
        switch listing.kind {
        case .home: heading = site.config.title
        case .topic(let index): heading = site.topics[index].topic.name
        case .day(let index): heading = site.days[index].day.longName
        case .month(let index):
            let month = site.months[index].day
            heading = month.monthTitle
            periods = (daysOfMonth[month] ?? []).map { dayPeriod($0, from: path) }
        case .year(let index):
            heading = String(site.years[index].day.year)
            periods = (monthsOfYear[site.years[index].day.year] ?? []).map { monthPeriod($0, from: path, deep: false) }
        }
        var pagination: PaginationView?
        if listing.pageCount > 1 {
            let link = { (number: Int) in layout.link(from: path, to: URLLayout.pagePath(listing.base, number: number)) }
            pagination = PaginationView(number: listing.number, count: listing.pageCount,
                                        previous: listing.number > 1 ? link(listing.number - 1) : nil,
                                        next: listing.number < listing.pageCount ? link(listing.number + 1) : nil)
        }
        let up = URLLayout.root(from: path)
        var view = ListingView(heading: heading, articles: listing.articles.map { index in ListedArticle(index: index) { articleView(index, up: up) } },
                               pagination: pagination, periods: periods)
        switch listing.kind {
        case .topic(let index) where listing.number == 1:
            if let first = site.days.last?.day, let last = site.days.first?.day {
                let group = site.topics[index]
                view.chart = TopicChart.render(name: group.topic.name, days: group.articles.map { site.articles[$0].day }, first: first, last: last)
            }
        case .day(let index):
            let day = { (other: Int) in LinkView(name: site.days[other].day.longName, url: layout.link(from: path, to: site.days[other].day.dayPath)) }
            if index + 1 < site.days.count { view.previousDay = day(index + 1) }
            if index > 0 { view.nextDay = day(index - 1) }
        default:
            break
        }
        return view
    }

    /// Up to `relatedCount` articles that share a topic with article `index`: most shared
    /// topics first, then nearest in time, then newest. Only the candidates of
    /// `relatedCandidates(of:)` are ranked, so the cost per article is bounded and a build
    /// stays linear in the number of articles. Found when the article's page is rendered;
    /// its fingerprint reads the candidates' cards instead, so a rebuild finds no related
    /// articles for the pages it keeps.
    func related(to index: Int) -> [Int] {
        typealias Rank = (shared: Int, distance: Double, index: Int)
        let mine = topicPositions[index]
        let date = site.articles[index].article.date
        // A few dozen candidates at most: a list scanned for repeats costs less than a set,
        // and keeping the best few as they come costs less than sorting them all.
        var seen: [Int] = []
        var best = BestOf<Rank>(Self.relatedCount) { a, b in
            if a.shared != b.shared { return a.shared > b.shared }
            if a.distance != b.distance { return a.distance < b.distance }
            return a.index < b.index
        }
        for window in relatedCandidates(of: index) {
            for other in window where other != index && !seen.contains(other) {
                seen.append(other)
                best.offer((shared: topicPositions[other].count { theirs in mine.contains { $0.topic == theirs.topic } },
                            distance: abs(site.articles[other].article.date.timeIntervalSince(date)), index: other))
            }
        }
        return best.elements.map(\.index)
    }

    /// Where article `index`'s related articles come from: for each of its topics, the
    /// `relatedWindow` articles on each side of it in the topic's time-ordered list (itself
    /// included). Its related articles depend on nothing else than these (their topics, dates
    /// and order) and its own topics and date.
    func relatedCandidates(of index: Int) -> [ArraySlice<Int>] {
        topicPositions[index].map { topic, position in
            let list = site.topics[topic].articles
            return list[max(0, position - Self.relatedWindow)..<min(list.count, position + Self.relatedWindow + 1)]
        }
    }

    func articleView(_ index: Int, from path: String, full: Bool) -> ArticleView {
        articleView(index, up: URLLayout.root(from: path), full: full)
    }

    /// The article's view with links made from `up`, the way back to the root from the
    /// page showing it (`../../`); `CardCache` passes a marker for `up` instead.
    func articleView(_ index: Int, up: String, full: Bool = false) -> ArticleView {
        // Fields read in place (four related articles a page would otherwise copy whole).
        var view = site.articles.withElement(at: index) { placed in
            ArticleView(
                title: placed.pointee.article.title, url: layout.link(up: up, to: placed.pointee.path),
                date: placed.pointee.day.longName, dateISO: Timestamp.rfc3339(placed.pointee.article.date),
                dayURL: layout.link(up: up, to: placed.pointee.day.dayPath),
                topics: placed.pointee.topics.map { LinkView(name: $0.name, url: layout.link(up: up, to: URLLayout.topicPath($0.slug))) },
                summary: placed.pointee.article.summary, author: placed.pointee.article.author, source: placed.pointee.article.source,
                sourceURL: placed.pointee.article.sourceURL, sourceID: placed.pointee.article.sourceID,
                readingMinutes: placed.pointee.article.readingMinutes, body: nil, params: placed.pointee.article.params,
                previous: nil, next: nil, jsonLD: nil)
        }
        guard full else { return view }
        let placed = site.articles[index]
        view.body = placed.article.bodyHTML
        let (group, position) = dayPosition[index]
        let sameDay = site.days[group].articles
        let neighbour = { (other: Int) in LinkView(name: site.articles[other].article.title, url: layout.link(up: up, to: site.articles[other].path)) }
        if position + 1 < sameDay.count { view.previous = neighbour(sameDay[position + 1]) }
        if position > 0 { view.next = neighbour(sameDay[position - 1]) }
        view.jsonLD = JSONLD.newsArticle(placed, site: site.config, url: layout.absolute(placed.path))
        view.related = related(to: index).map { articleView($0, up: up) }
        return view
    }

    private func periodView(year index: Int, from path: String, deep: Bool) -> PeriodView {
        let year = site.years[index]
        return PeriodView(name: String(year.day.year), url: layout.link(from: path, to: year.day.yearPath), count: year.articles.count,
                          children: (monthsOfYear[year.day.year] ?? []).map { monthPeriod($0, from: path, deep: deep) })
    }

    private func monthPeriod(_ index: Int, from path: String, deep: Bool) -> PeriodView {
        let month = site.months[index]
        return PeriodView(name: month.day.monthName, url: layout.link(from: path, to: month.day.monthPath), count: month.articles.count,
                          children: deep ? (daysOfMonth[month.day] ?? []).map { dayPeriod($0, from: path) } : [])
    }

    private func dayPeriod(_ index: Int, from path: String) -> PeriodView {
        let day = site.days[index]
        return PeriodView(name: String(day.day.day), url: layout.link(from: path, to: day.day.dayPath), count: day.articles.count, children: [])
    }

    private func home(from path: String) -> LinkView {
        LinkView(name: "Home", url: layout.link(from: path, to: ""))
    }

    /// Home › 2024 › January › 2, up to `depth` date levels.
    private func dateCrumbs(_ day: Day, depth: Int, from path: String) -> [LinkView] {
        let levels = [LinkView(name: String(day.year), url: layout.link(from: path, to: day.yearPath)),
                      LinkView(name: day.monthName, url: layout.link(from: path, to: day.monthPath)),
                      LinkView(name: String(day.day), url: layout.link(from: path, to: day.dayPath))]
        return [home(from: path)] + levels.prefix(depth)
    }

    private func breadcrumbs(for kind: Listing.Kind, from path: String) -> [LinkView] {
        switch kind {
        case .home: []
        case .topic: [home(from: path), LinkView(name: "Topics", url: layout.link(from: path, to: URLLayout.topicsPath))]
        case .day(let index): dateCrumbs(site.days[index].day, depth: 2, from: path)
        case .month(let index): dateCrumbs(site.months[index].day, depth: 1, from: path)
        case .year(let index): dateCrumbs(site.years[index].day, depth: 0, from: path)
        }
    }
}
