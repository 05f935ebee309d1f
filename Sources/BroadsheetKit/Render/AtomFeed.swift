/// Atom 1.0 feeds of the newest articles, with full HTML content and absolute links.
/// Only written when the site has a base URL.
struct AtomFeed {
    let site: Site
    let baseURL: String

    /// The feed of `articles` (indices, newest first) published at `path`.
    func render(title: String, path: String, articles: [Int]) -> String {
        let entries = articles.prefix(site.config.feedItems)
        let updated = entries.first.map { Timestamp.rfc3339(site.articles[$0].article.date) } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(site.config.language.xmlEscaped)">
          <title>\(title.xmlEscaped)</title>

        """
        if !site.config.description.isEmpty { xml += "  <subtitle>\(site.config.description.xmlEscaped)</subtitle>\n" }
        xml += """
          <link rel="self" type="application/atom+xml" href="\((baseURL + path + "feed.xml").xmlEscaped)"/>
          <link rel="alternate" type="text/html" href="\((baseURL + path).xmlEscaped)"/>
          <id>\((baseURL + path).xmlEscaped)</id>
          <updated>\(updated)</updated>
          <author><name>\(site.config.title.xmlEscaped)</name></author>
          <generator>Broadsheet</generator>

        """
        for index in entries { xml += entry(site.articles[index]) }
        return xml + "</feed>\n"
    }

    private func entry(_ placed: PlacedArticle) -> String {
        let article = placed.article
        let url = (baseURL + placed.path).xmlEscaped
        let date = Timestamp.rfc3339(article.date)
        var xml = """
          <entry>
            <title>\(article.title.xmlEscaped)</title>
            <link rel="alternate" type="text/html" href="\(url)"/>
            <id>\(url)</id>
            <published>\(date)</published>
            <updated>\(date)</updated>

        """
        if let author = article.author { xml += "    <author><name>\(author.xmlEscaped)</name></author>\n" }
        for topic in placed.topics {
            xml += "    <category term=\"\(topic.slug.value)\" label=\"\(topic.name.xmlEscaped)\"/>\n"
        }
        xml += """
            <summary>\(article.summary.xmlEscaped)</summary>
            <content type="html" xml:base="\(url)">\(article.bodyHTML.xmlEscaped)</content>
          </entry>

        """
        return xml
    }
}
