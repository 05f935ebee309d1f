import Mustache

/// A file of the finished site: where it goes and its bytes.
public struct OutputFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Turns each planned page into bytes: HTML through the theme's templates,
/// feeds and the sitemap directly.
struct PageRenderer: Sendable {
    let site: Site
    let plan: PagePlan
    let templates: TemplateLibrary
    let views: ViewBuilder
    /// The search index, made on another thread while the pages render (`Builder` makes it
    /// only when its page is rendered; not before the pages, where a core would wait
    /// through its serial parts); nil makes it here.
    let searchIndex: (@Sendable () -> [UInt8])?
    let cards: CardCache
    let regions: RegionCache
    let shapes: ShapeCache
    let siteView: SharedView<SiteView>

    init(site: Site, plan: PagePlan, templates: TemplateLibrary, views: ViewBuilder, searchIndex: (@Sendable () -> [UInt8])?) {
        self.site = site
        self.plan = plan
        self.templates = templates
        self.views = views
        self.searchIndex = searchIndex
        siteView = SharedView(views.siteView)
        shapes = ShapeCache(templates: templates)
        cards = CardCache(views: views, templates: templates, shapes: shapes, site: siteView)
        regions = RegionCache(templates: templates)
    }

    func render(_ page: Page) -> OutputFile {
        OutputFile(path: page.file, bytes: bytes(of: page))
    }

    /// HTML pages are made as UTF-8 bytes; feeds, the sitemap and the search index as text.
    private func bytes(of page: Page) -> [UInt8] {
        let baseURL = site.config.baseURL ?? ""
        switch page.content {
        case .siteFeed:
            return Array(AtomFeed(site: site, baseURL: baseURL).render(title: site.config.title, path: "", articles: Array(site.articles.indices)).utf8)
        case .topicFeed(let index):
            let group = site.topics[index]
            return Array(AtomFeed(site: site, baseURL: baseURL)
                .render(title: "\(group.topic.name) · \(site.config.title)", path: page.path, articles: group.articles).utf8)
        case .sitemap:
            return Array(Sitemap.render(plan.pages, site: site, baseURL: baseURL).utf8)
        case .listing:
            let view = views.view(of: page)
            for article in view.listing?.articles ?? [] { article.card = cards.card(article.index, up: view.root) }
            return html(view, with: "list")
        case .article: return html(views.view(of: page), with: "article")
        case .topicIndex: return html(views.view(of: page), with: "topics")
        case .archive: return html(views.view(of: page), with: "archive")
        case .notFound: return html(views.view(of: page), with: "404")
        case .search: return html(views.view(of: page), with: "search")
        case .searchIndex: return searchIndex?() ?? SearchIndex.render(site).script
        }
    }

    private func html(_ view: PageView, with template: String) -> [UInt8] {
        shapes.render(SharedView(PageContext(view: view, site: siteView, regions: regions.regions(for: view))), with: template)
    }

    /// What a page's template sees: its view, `site` made once per build, and `cached` for
    /// regions (`RegionCache`). Handed over in a `SharedView`.
    private struct PageContext: TemplateObject, TemplateLambdas {
        let view: PageView
        let site: SharedView<SiteView>
        let regions: RegionCache.Regions

        func value(named name: String) -> TemplateValue {
            switch name {
            case "site": .object(site)
            case RegionCache.name: .other(regions.lambda)
            default: view.value(named: name)
            }
        }

        func callLambda(named name: String, text: String) -> Any? {
            name == RegionCache.name ? regions.render(text) : nil
        }
    }
}
