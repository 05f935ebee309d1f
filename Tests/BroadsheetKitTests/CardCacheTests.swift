import Foundation
import Testing
@testable import BroadsheetKit

/// `{{{card}}}` (rendered once per article, links spliced per page) against the
/// partial included on every page, on listings at every depth and with pretty URLs.
@Suite("Cached article cards")
struct CardCacheTests {
    static let card = """
        <a href="{{url}}">{{title}}</a> {{#topics}}[<a href="{{url}}">{{name}}</a>]{{/topics}} \
        <a href="{{dayURL}}">{{date}}</a> {{summary}} {{#author}}by {{author}}{{/author}} {{site.title}} \
        <img src="{{root}}x.svg">|
        """

    func builtListings(listing: String, prettyURLs: Bool, extra: [String: String] = [:]) throws -> [String: [UInt8]] {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["list.mustache": "{{#listing.articles}}\(listing){{/listing.articles}}\n",
                            "partials/article-card.mustache": Self.card], under: "Templates")
            try site.write(extra)
            if prettyURLs { try site.appendToConfig("pretty_urls: true\n") }
            try site.build()
            return try site.outputTree()
        }
    }

    @Test(arguments: [false, true])
    func cachedCardsEqualThePartialOnEveryListing(prettyURLs: Bool) throws {
        // The second article's title holds the splice marker, so it takes the page-by-page path.
        let extra = ["2024/03/marker.md": "---\ntitle: \"Odd \u{F8FF} title\"\ndate: 2024-03-01\ntopics: [Energy]\n---\nBody.\n"]
        let partial = try builtListings(listing: "{{> partials/article-card}}", prettyURLs: prettyURLs, extra: extra)
        let cached = try builtListings(listing: "{{{card}}}", prettyURLs: prettyURLs, extra: extra)
        #expect(partial == cached)
        let topicPage = try #require(cached.text(prettyURLs ? "topics/energy/index.html" : "topics/energy/index.html"))
        #expect(topicPage.contains("<img src=\"../../x.svg\">"))
        #expect(topicPage.contains("Odd \u{F8FF} title"))
        let home = try #require(cached.text("index.html"))
        #expect(home.contains("<img src=\"x.svg\">"))
        #expect(!home.contains("\u{F8FF}<") && !home.contains("\u{F8FF}x.svg"))
    }

    @Test func themesWithoutTheCardPartialGetNoCard() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["list.mustache": "{{#listing.articles}}[{{{card}}}]{{/listing.articles}}"], under: "Templates")
            try site.build()
            #expect(try site.outputTree().text("index.html")?.hasPrefix("[]") == true)
        }
    }
}
