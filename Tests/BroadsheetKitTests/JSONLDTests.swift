import Foundation
import Testing
@testable import BroadsheetKit

/// The hand-written JSON-LD against Foundation's `JSONEncoder`: the same JSON value,
/// on text with every character JSON and `<script>` care about, and nothing in it that
/// could end or change the `<script>` element.
@Suite struct JSONLDTests {
    private struct Reference: Encodable {
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

    @Test(arguments: [
        ("Plain title", nil as String?, nil as String?),
        ("Quotes \" and \\ slashes / </script> <!-- & ' \u{2028}", "Ana \"Q\" O'Neil", nil),
        ("Tabs\tnew\nlines\r\u{8}\u{C}\u{1}\u{1F} é 東京 🚢", nil, "NORDWIRE"),
    ])
    func matchesJSONEncoder(title: String, author: String?, source: String?) throws {
        var article = makeArticle(title, date: "2024-01-02T09:00:00Z", topics: ["Energy", "A/B <c>"], body: "Summary \"with\" </p>.")
        article.author = author
        article.source = source
        let site = makeSite([article]) { $0.title = "The \"Harbour\" / Post" }
        let placed = try #require(site.articles.first)
        let url = "https://example.com/news/2024/01/02/x/"
        let written = try #require(JSONLD.newsArticle(placed, site: site.config, url: url))

        let reference = Reference(
            headline: title, datePublished: "2024-01-02T09:00:00Z", description: placed.article.summary,
            author: (author ?? source).map { Reference.Entity(type: author == nil ? "Organization" : "Person", name: $0) },
            publisher: Reference.Entity(type: "Organization", name: site.config.title),
            keywords: placed.topics.map(\.name), url: url)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? NSDictionary)
        let expected = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(reference)) as? NSDictionary)
        #expect(parsed == expected)
        #expect(!written.contains("<") && !written.contains(">") && !written.contains("&"))
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
    }
}
