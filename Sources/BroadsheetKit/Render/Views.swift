/// What templates see. Plain structs with stored properties, separate from the
/// domain models; every URL is already relative to the page being rendered.
/// The README's "Template variables" section lists these fields.
struct PageView {
    var site: SiteView
    /// The page's own title (`Energy`, `2 January 2024`); the layout adds the site title.
    var title: String
    var description: String
    /// `../../` back to the site root; prefix for assets: `{{root}}style.css`.
    var root: String
    var canonicalURL: String?
    /// Atom feed of this page (home and topics), absolute; nil without a base URL.
    var feedURL: String?
    var nav: NavView
    var breadcrumbs: [LinkView]
    var isHome: Bool
    var listing: ListingView?
    var article: ArticleView?
    var topics: [TopicCountView]?
    var archive: [PeriodView]?
    /// Archive page only: inline SVG calendar heat maps, one per year, for `{{{archiveHeatMap}}}`.
    var archiveHeatMap: String?
}

struct SiteView: Hashable {
    var title: String
    var description: String
    var language: String
    var baseURL: String?
    /// The site feed, absolute; nil without a base URL.
    var feedURL: String?
}

struct NavView: Hashable {
    var home: String
    var topics: String
    var archive: String
    /// The search page, where every page's search box leads.
    var search: String = ""
}

struct LinkView {
    var name: String
    var url: String
}

struct TopicCountView {
    var name: String
    var url: String
    var count: Int
}

/// A year, month or day with its article count and, for the archive, what it contains.
struct PeriodView {
    var name: String
    var url: String
    var count: Int
    var children: [PeriodView]
}

struct ListingView {
    var heading: String
    var articles: [ListedArticle]
    var pagination: PaginationView?
    /// Months of a year page, days of a month page.
    var periods: [PeriodView]
    /// First page of a topic: inline SVG bar chart of its articles over time, for `{{{listing.chart}}}`.
    var chart: String?
    /// Day pages: the nearest earlier and later days that have articles.
    var previousDay: LinkView?
    var nextDay: LinkView?
}

struct PaginationView {
    var number: Int
    var count: Int
    var previous: String?
    var next: String?
}

struct ArticleView {
    var title: String
    var url: String
    /// `2 January 2024`
    var date: String
    /// `2024-01-02T12:17:00Z`, for `<time datetime>`.
    var dateISO: String
    var dayURL: String
    var topics: [LinkView]
    var summary: String
    var author: String?
    var source: String?
    var sourceURL: String?
    var sourceID: String?
    var readingMinutes: Int
    /// Safe HTML from cmark or the wire reader: the only value rendered with `{{{ }}}`.
    var body: String?
    var params: [String: String]
    var previous: LinkView?
    var next: LinkView?
    /// JSON-LD `NewsArticle`, already escaped for a `<script>` element.
    var jsonLD: String?
    /// Article pages only: up to `ViewBuilder.relatedCount` articles sharing topics, nearest in time first.
    var related: [ArticleView] = []
}

/// An article on a listing: its card at once, its other fields (`ArticleView`) built when
/// a template first asks for one. The default theme shows only cards, and building the
/// view of each article on each of the six or so listings showing it was 2.5 % of a
/// cold build. A listing page is rendered on one thread, so the lazy view needs no lock.
final class ListedArticle {
    let index: Int
    /// The article through `partials/article-card`, for `{{{card}}}` (see `CardCache`).
    var card: String?
    lazy var view: ArticleView = build()
    private let build: () -> ArticleView

    init(index: Int, build: @escaping () -> ArticleView) {
        self.index = index
        self.build = build
    }
}
