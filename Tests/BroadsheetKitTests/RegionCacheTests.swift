import Foundation
import Testing
@testable import BroadsheetKit

/// `{{#cached}}…{{/cached}}` (rendered once per depth, home page and `nav`) against the
/// same text rendered on every page: at every depth, on the home page, on the 404 page
/// (whose links are absolute), with and without pretty URLs.
@Suite("Cached layout regions")
struct RegionCacheTests {
    static let region = """
        <header><a href="{{nav.home}}"{{#isHome}} aria-current="page"{{/isHome}}>{{site.title}}</a> \
        <a href="{{nav.topics}}">Topics</a> <a href="{{nav.archive}}">Archive</a> <a href="{{nav.search}}">Search</a> \
        <img src="{{root}}logo.svg">{{#isHome}}<p>{{site.description}}</p>{{/isHome}}{{> partials/note}}</header>
        """

    func builtSite(layoutLine: String, prettyURLs: Bool) throws -> [String: [UInt8]] {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let layout = try String(contentsOf: site.templates.appendingPathComponent("layout.mustache"), encoding: .utf8)
            let navLine = try #require(layout.split(separator: "\n").first { $0.hasPrefix("<nav>") })
            try site.write(["layout.mustache": layout.replacingOccurrences(of: navLine, with: layoutLine),
                            "partials/note.mustache": "<small>{{site.language}}</small>"], under: "Templates")
            if prettyURLs { try site.appendToConfig("pretty_urls: true\n") }
            try site.build()
            return try site.outputTree()
        }
    }

    @Test(arguments: [false, true])
    func cachedRegionsEqualTheTextRenderedOnEveryPage(prettyURLs: Bool) throws {
        let plain = try builtSite(layoutLine: Self.region, prettyURLs: prettyURLs)
        let cached = try builtSite(layoutLine: "{{#cached}}\n\(Self.region)\n{{/cached}}", prettyURLs: prettyURLs)
        #expect(Set(plain.keys) == Set(cached.keys))
        #expect(plain.keys.filter { plain[$0] != cached[$0] }.sorted() == [])
        // The pages differ in what the region shows, so a cache keyed too coarsely fails above.
        let home = try #require(cached.text("index.html"))
        #expect(home.contains("aria-current=\"page\"") && home.contains("<img src=\"logo.svg\">"))
        let topic = try #require(cached.text("topics/transport/index.html"))
        #expect(!topic.contains("aria-current") && topic.contains("<img src=\"../../logo.svg\">"))
        #expect(try #require(cached.text("404.html")).contains("href=\"https://news.example.org/digest/topics/"))
    }

    @Test func aRegionSeesNoValueOfOnePage() throws {
        let built = try builtSite(layoutLine: "{{#cached}}[{{title}}|{{description}}|{{#breadcrumbs}}x{{/breadcrumbs}}|{{site.title}}]{{/cached}}",
                                  prettyURLs: false)
        for page in ["index.html", "topics/transport/index.html", "2024/01/index.html"] {
            #expect(try #require(built.text(page)).contains("[|||The Eastmere Digest]"))
        }
    }
}
