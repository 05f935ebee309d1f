/// One file of the output and what goes into it.
public struct Page: Sendable {
    public enum Content: Sendable {
        case listing(Listing)
        case article(Int)
        case topicIndex
        case archive
        /// `search/index.html`, which searches `search-index.js` in the browser.
        case search
        /// `search-index.js`: the search index as a script (see `SearchIndex`).
        case searchIndex
        case notFound
        case siteFeed
        case topicFeed(Int)
        case sitemap
    }

    /// Output file relative to the output folder: `topics/energy/index.html`, `feed.xml`.
    public var file: String
    /// The site folder the page is reached at, which its relative links start from.
    public var path: String
    public var content: Content
}

/// One page of a paginated list of articles: home, a topic, a day, a month or a year.
public struct Listing: Sendable {
    public enum Kind: Sendable, Equatable {
        case home
        case topic(Int)
        case day(Int)
        case month(Int)
        case year(Int)
    }

    public var kind: Kind
    /// Folder of page 1: `""`, `topics/energy/`, `2024/01/`.
    public var base: String
    public var number: Int
    public var pageCount: Int
    /// Indices into `Site.articles`.
    public var articles: ArraySlice<Int>
}

/// Every page of the site, in a fixed order, decided from the site alone.
public struct PagePlan: Sendable {
    public let pages: [Page]

    public init(_ site: Site) {
        var pages: [Page] = []
        func paginate(_ kind: Listing.Kind, base: String, _ articles: [Int]) {
            let perPage = site.config.perPage
            let count = max(1, (articles.count + perPage - 1) / perPage)
            for number in 1...count {
                let slice = articles[min(articles.count, (number - 1) * perPage)..<min(articles.count, number * perPage)]
                let path = URLLayout.pagePath(base, number: number)
                let listing = Listing(kind: kind, base: base, number: number, pageCount: count, articles: slice)
                pages.append(Page(file: URLLayout.file(for: path), path: path, content: .listing(listing)))
            }
        }
        paginate(.home, base: "", Array(site.articles.indices))
        for index in site.articles.indices {   // by index: a copy of each article would retain all its fields
            let path = site.articles[index].path
            pages.append(Page(file: URLLayout.file(for: path), path: path, content: .article(index)))
        }
        for (index, group) in site.topics.enumerated() {
            paginate(.topic(index), base: URLLayout.topicPath(group.topic.slug), group.articles)
        }
        for (index, group) in site.days.enumerated() { paginate(.day(index), base: group.day.dayPath, group.articles) }
        for (index, group) in site.months.enumerated() { paginate(.month(index), base: group.day.monthPath, group.articles) }
        for (index, group) in site.years.enumerated() { paginate(.year(index), base: group.day.yearPath, group.articles) }
        pages.append(Page(file: URLLayout.file(for: URLLayout.topicsPath), path: URLLayout.topicsPath, content: .topicIndex))
        pages.append(Page(file: URLLayout.file(for: URLLayout.archivePath), path: URLLayout.archivePath, content: .archive))
        pages.append(Page(file: URLLayout.file(for: URLLayout.searchPath), path: URLLayout.searchPath, content: .search))
        pages.append(Page(file: SearchIndex.file, path: "", content: .searchIndex))
        pages.append(Page(file: "404.html", path: "", content: .notFound))
        if site.config.baseURL != nil {
            pages.append(Page(file: "feed.xml", path: "", content: .siteFeed))
            for (index, group) in site.topics.enumerated() {
                let path = URLLayout.topicPath(group.topic.slug)
                pages.append(Page(file: path + "feed.xml", path: path, content: .topicFeed(index)))
            }
            pages.append(Page(file: "sitemap.xml", path: "", content: .sitemap))
        }
        self.pages = pages
    }
}
