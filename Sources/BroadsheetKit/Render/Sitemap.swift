/// `sitemap.xml`: every HTML page but 404, by absolute pretty URL.
enum Sitemap {
    static func render(_ pages: [Page], site: Site, baseURL: String) -> String {
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        for page in pages {
            var lastModified: String?
            switch page.content {
            case .listing, .topicIndex, .archive: break
            case .article(let index): lastModified = Timestamp.rfc3339(site.articles[index].article.date)
            case .notFound, .siteFeed, .topicFeed, .sitemap, .search, .searchIndex: continue
            }
            xml += "  <url><loc>\((baseURL + page.path).xmlEscaped)</loc>"
            if let lastModified { xml += "<lastmod>\(lastModified)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
