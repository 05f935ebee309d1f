import Foundation

/// Schema.org `NewsArticle` metadata for an article page, safe inside `<script>`.
enum JSONLD {
    private struct NewsArticle: Encodable {
        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", headline, datePublished, description, author, publisher, keywords, url
        }

        struct Entity: Encodable {
            enum CodingKeys: String, CodingKey { case type = "@type", name }
            var type: String
            var name: String
        }

        var context = "https://schema.org"
        var type = "NewsArticle"
        var headline: String
        var datePublished: String
        var description: String
        var author: Entity?
        var publisher: Entity
        var keywords: [String]
        var url: String?
    }

    static func newsArticle(_ placed: PlacedArticle, site: SiteConfig, url: String?) -> String? {
        let article = placed.article
        let value = NewsArticle(
            headline: article.title, datePublished: Timestamp.rfc3339(article.date), description: article.summary,
            author: (article.author ?? article.source).map { NewsArticle.Entity(type: article.author == nil ? "Organization" : "Person", name: $0) },
            publisher: NewsArticle.Entity(type: "Organization", name: site.title),
            keywords: placed.topics.map(\.name), url: url)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value), let json = String(data: data, encoding: .utf8) else { return nil }
        // `<` never appears raw, so neither `</script>` nor `<!--` can end the element early.
        return json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
