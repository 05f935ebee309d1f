import Foundation
import Testing
@testable import BroadsheetKit

/// Structural accessibility and metadata checks over every page of a small site
/// built with the real default theme (`Templates/` of this repository).
@Suite struct AccessibilityTests {
    static let themeFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    static let articles: [String: String] = [
        "2024/01/harbour.md": """
        ---
        title: "Harbour berth <approved> & \\"cheered\\""
        date: 2024-01-02T09:00:00Z
        topics: [Transport, "R&D"]
        summary: "The port board backs a second berth."
        author: Mara Quinlan
        ---

        The **harbour** board approved a second berth.

        ![A crane at dusk](https://example.org/crane.jpg)

        ![](https://example.org/decorative.png)
        """,
        "2024/01/grid.md": """
        ---
        title: Grid margins tighten
        date: 2024-01-05T10:00:00Z
        topics: [Energy, Transport]
        ---

        Wind output fell while demand rose.
        """,
        "2024/02/museum.md": """
        ---
        title: Maritime museum reopens
        date: 2024-02-10T10:00:00Z
        topics: [Culture]
        ---

        The museum reopened with a new harbour gallery.
        """,
        "2024/02/wire.txt": """
        Monday, 12 February 2024 08:00 GMT

        Ferry crews vote on strike

        (NORDWIRE) Ferry crews began voting on Monday on a strike over rosters at the port.

        NORDWIRE12022024000012345678ID1234567890
        """,
    ]

    /// Builds the site once per test into a temporary folder and hands over its files.
    private func withBuiltSite(baseURL: String? = "https://example.org/digest/", _ body: ([String: [UInt8]]) throws -> Void) throws {
        try withTemporaryFolder { folder in
            let content = folder.appendingPathComponent("Content"), templates = folder.appendingPathComponent("Templates")
            try FileManager.default.copyItem(at: Self.themeFolder, to: templates)
            try writeTree(Self.articles, into: content)
            let config = folder.appendingPathComponent("site.yml")
            try Data("title: Test <Digest>\nlanguage: en-GB\ntopics:\n  Transport: [ferry, port]\n".utf8).write(to: config)
            var options = BuildOptions(content: content, templates: templates, output: folder.appendingPathComponent("Public"), config: config)
            options.baseURL = baseURL
            try Builder(options).build()
            try body(readTree(folder.appendingPathComponent("Public")).filter { $0.key != OutputWriter.manifestName })
        }
    }

    private func html(_ tree: [String: [UInt8]]) -> [(file: String, text: String)] {
        tree.filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }
    }

    /// Every match of `pattern` (one capture group, or the whole match) in `text`.
    private func matches(_ pattern: String, in text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive, .dotMatchesLineSeparators])
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: match.numberOfRanges > 1 ? 1 : 0), in: text).map { String(text[$0]) }
        }
    }

    private func attribute(_ name: String, in tag: String) -> String? {
        matches(#"\s"# + name + #"\s*=\s*"([^"]*)""#, in: tag).first
    }

    // MARK: Structure

    @Test func everyPageHasLanguageOneHeadingMainAndNavigation() throws {
        try withBuiltSite { tree in
            let pages = html(tree)
            #expect(pages.count > 15)
            for (file, text) in pages {
                #expect(matches(#"<html\s[^>]*lang="en-GB""#, in: text).count == 1, "\(file): lang")
                #expect(matches(#"<h1[\s>]"#, in: text).count == 1, "\(file): \(matches(#"<h1[\s>]"#, in: text).count) h1")
                #expect(matches(#"<main[\s>]"#, in: text).count == 1, "\(file): main")
                #expect(!matches(#"<nav[\s>]"#, in: text).isEmpty, "\(file): nav")
                #expect(text.contains("<title>"), "\(file): title")
            }
        }
    }

    @Test func everyImageHasAnAltAttribute() throws {
        try withBuiltSite { tree in
            var images = 0
            for (file, text) in html(tree) {
                for tag in matches(#"<img\b[^>]*>"#, in: text) {
                    images += 1
                    #expect(attribute("alt", in: tag) != nil, "\(file): \(tag)")
                }
            }
            #expect(images >= 2)
        }
    }

    @Test func everyPageHasALabelledSearchBoxThatLeadsToTheSearchPage() throws {
        try withBuiltSite(baseURL: nil) { tree in
            for (file, text) in html(tree) {
                let forms = matches(#"<form\b[^>]*role="search"[^>]*>.*?</form>"#, in: text)
                #expect(!forms.isEmpty, "\(file): no search form")
                for form in forms {
                    let formTag = try #require(matches(#"<form\b[^>]*>"#, in: form).first)
                    #expect(attribute("method", in: formTag) == "get")
                    let action = try #require(attribute("action", in: formTag))
                    #expect(resolve(action, from: file) == "search/index.html", "\(file): action \(action)")
                    let inputs = matches(#"<input\b[^>]*>"#, in: form).filter { attribute("name", in: $0) == "q" }
                    #expect(inputs.count == 1, "\(file): \(inputs)")
                    let input = try #require(inputs.first)
                    #expect(attribute("type", in: input) == "search")
                    let id = try #require(attribute("id", in: input), "\(file): search input without id")
                    #expect(matches(#"<label\b[^>]*for="\#(id)"[^>]*>[^<]*\w[^<]*</label>"#, in: text).count == 1, "\(file): no label for #\(id)")
                }
                let ids = matches(#"\sid="([^"]*)""#, in: text)
                #expect(Set(ids).count == ids.count, "\(file): duplicate ids")
            }
        }
    }

    @Test func allLinksLeadToFilesOfTheSite() throws {
        try withBuiltSite(baseURL: nil) { tree in
            #expect(linkProblems(in: tree) == [])
        }
    }

    // MARK: Search page

    @Test func theSearchPageLoadsTheIndexAsScriptsAndExplainsWithoutJavaScript() throws {
        try withBuiltSite { tree in
            let page = try #require(tree.text("search/index.html"))
            let scripts = matches(#"<script\b[^>]*\bsrc="([^"]*)""#, in: page)
            #expect(scripts == ["../search-index.js", "../search.js"])
            #expect(tree["search-index.js"] != nil && tree["search.js"] != nil)
            #expect(matches(#"<noscript>.*JavaScript.*</noscript>"#, in: page).count == 1)
            #expect(page.contains(#"data-root="../""#))
            #expect(page.contains(#"aria-live="polite""#))
            // No other page needs JavaScript: only JSON-LD data blocks.
            for (file, text) in html(tree) where file != "search/index.html" {
                #expect(matches(#"<script\b(?![^>]*type="application/ld\+json")[^>]*>"#, in: text).isEmpty, "\(file)")
            }
        }
    }

    // MARK: Visual archive

    @Test func heatMapAndChartsHaveTextAlternatives() throws {
        try withBuiltSite { tree in
            let archive = try #require(tree.text("archive/index.html"))
            let svgs = matches(#"<svg\b[^>]*>"#, in: archive)
            #expect(svgs.count == 1)  // one year
            for svg in svgs {
                #expect(attribute("role", in: svg) == "img")
                #expect(attribute("aria-label", in: svg)?.contains("2024") == true)
            }
            #expect(matches(#"<a href="([^"]*)" tabindex="-1"><title>"#, in: archive) ==
                ["../2024/01/02/index.html", "../2024/01/05/index.html", "../2024/02/10/index.html", "../2024/02/12/index.html"])
            // The lists of months and days stay as the text equivalent.
            #expect(archive.contains(#"<a class="chip" href="../2024/01/05/index.html">5</a>"#))

            let topic = try #require(tree.text("topics/r-d/index.html"))
            let chart = try #require(matches(#"<svg\b[^>]*>"#, in: topic).first)
            #expect(attribute("role", in: chart) == "img")
            #expect(attribute("aria-label", in: chart)?.hasPrefix("Articles about R&amp;D per week") == true)
            #expect(tree.text("topics/r-d/page/2/index.html") == nil)
        }
    }

    // MARK: Metadata

    @Test func pagesCarryDescriptionCanonicalOpenGraphAndFeeds() throws {
        try withBuiltSite { tree in
            for (file, text) in html(tree) {
                #expect(text.contains(#"<meta name="description" content=""#), "\(file)")
                #expect(text.contains(#"<meta property="og:title""#), "\(file)")
                #expect(text.contains(#"<meta name="twitter:card""#), "\(file)")
                if file != "404.html" {
                    let canonical = try #require(matches(#"<link rel="canonical" href="([^"]*)""#, in: text).first, "\(file)")
                    #expect(canonical.hasPrefix("https://example.org/digest/"))
                    #expect(text.contains(#"<meta property="og:url" content="\#(canonical)">"#), "\(file)")
                }
            }
            let home = try #require(tree.text("index.html"))
            #expect(home.contains(#"<link rel="alternate" type="application/atom+xml" href="https://example.org/digest/feed.xml""#))
            let topic = try #require(tree.text("topics/energy/index.html"))
            #expect(topic.contains(#"<link rel="alternate" type="application/atom+xml" href="https://example.org/digest/topics/energy/feed.xml""#))
            let article = try #require(tree.text("2024/01/02/harbour-berth-approved-cheered/index.html"))
            let jsonLD = try #require(matches(#"<script type="application/ld\+json">(.*?)</script>"#, in: article).first)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonLD.utf8)) as? [String: Any])
            #expect(object["@type"] as? String == "NewsArticle")
            #expect(object["headline"] as? String == #"Harbour berth <approved> & "cheered""#)
            #expect(article.contains(#"<meta property="og:type" content="article">"#))
        }
    }

    @Test func articlePagesShowRelatedArticlesAndDayPagesTheirNeighbours() throws {
        try withBuiltSite { tree in
            let article = try #require(tree.text("2024/01/05/grid-margins-tighten/index.html"))
            #expect(article.contains(#"<a href="../../../../2024/01/02/harbour-berth-approved-cheered/index.html">Harbour berth &lt;approved&gt; &amp; &quot;cheered&quot;</a>"#))
            let day = try #require(tree.text("2024/01/05/index.html"))
            #expect(day.contains(#"<nav class="day-nav" aria-label="Other days">"#))
            #expect(day.contains(#"href="../../../2024/01/02/index.html""#))
            #expect(day.contains(#"href="../../../2024/02/10/index.html""#))
        }
    }
}
