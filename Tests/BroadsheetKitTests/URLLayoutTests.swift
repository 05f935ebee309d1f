import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct URLLayoutTests {
    let files = URLLayout(prettyURLs: false, baseURL: nil)
    let pretty = URLLayout(prettyURLs: true, baseURL: nil)

    /// Page folders at every depth the site has.
    static let depths = ["", "page/2/", "topics/", "topics/energy/", "topics/energy/page/3/", "archive/",
                         "2024/", "2024/01/", "2024/01/02/", "2024/01/02/page/2/", "2024/01/02/night-trains/"]

    @Test(arguments: [
        ("", "", "index.html"),
        ("", "topics/energy/", "topics/energy/index.html"),
        ("topics/energy/", "", "../../index.html"),
        ("topics/energy/", "topics/", "../../topics/index.html"),
        ("2024/01/02/night-trains/", "topics/energy/", "../../../../topics/energy/index.html"),
        ("page/2/", "page/3/", "../../page/3/index.html"),
        ("topics/energy/page/2/", "topics/energy/", "../../../../topics/energy/index.html"),
    ])
    func linksNameTheFile(from: String, to: String, expected: String) {
        #expect(files.link(from: from, to: to) == expected)
    }

    @Test(arguments: [
        ("", "", "./"),
        ("", "topics/energy/", "topics/energy/"),
        ("topics/energy/", "", "../../"),
        ("2024/01/02/night-trains/", "archive/", "../../../../archive/"),
        ("page/2/", "", "../../"),
    ])
    func prettyLinksDropIndexHTML(from: String, to: String, expected: String) {
        #expect(pretty.link(from: from, to: to) == expected)
    }

    @Test(arguments: depths)
    func everyLinkResolvesToItsTargetFromEveryDepth(from: String) {
        for to in Self.depths {
            let link = files.link(from: from, to: to)
            #expect(!link.hasPrefix("/"))
            #expect(resolve(link, from: from + "index.html") == to + "index.html", "\(from) → \(to) gave \(link)")
            #expect(resolve(pretty.link(from: from, to: to), from: from + "index.html") == to + "index.html")
        }
    }

    @Test(arguments: depths)
    func assetsResolveFromEveryDepth(from: String) {
        let link = files.asset(from: from, "style.css")
        #expect(resolve(link, from: from + "index.html") == "style.css")
        #expect(URLLayout.root(from: from) + "style.css" == link)
    }

    @Test func rootIsOneStepUpPerFolder() {
        #expect(URLLayout.root(from: "") == "")
        #expect(URLLayout.root(from: "topics/") == "../")
        #expect(URLLayout.root(from: "2024/01/02/night-trains/") == "../../../../")
    }

    @Test func pagePathsAndFiles() throws {
        #expect(URLLayout.pagePath("", number: 1) == "")
        #expect(URLLayout.pagePath("", number: 2) == "page/2/")
        #expect(URLLayout.pagePath("topics/energy/", number: 12) == "topics/energy/page/12/")
        #expect(URLLayout.file(for: "page/2/") == "page/2/index.html")
        #expect(URLLayout.topicPath(try #require(Slug(from: "Black Sea"))) == "topics/black-sea/")
    }

    @Test func absoluteURLsNeedABaseURLAndArePretty() {
        #expect(files.absolute("topics/energy/") == nil)
        let published = URLLayout(prettyURLs: false, baseURL: "https://example.org/sub/")
        #expect(published.absolute("topics/energy/") == "https://example.org/sub/topics/energy/")
        #expect(published.absolute("") == "https://example.org/sub/")
        // relative links do not change with a base URL
        #expect(published.link(from: "topics/energy/", to: "") == "../../index.html")
    }

    @Test(arguments: [
        ("https://example.org", "https://example.org/"),
        ("https://example.org/news", "https://example.org/news/"),
        ("http://example.org/news/", "http://example.org/news/"),
        (" https://example.org/a/b ", "https://example.org/a/b/"),
    ])
    func baseURLIsNormalised(text: String, expected: String) {
        #expect(SiteConfig.normalizedBaseURL(text) == expected)
    }

    @Test(arguments: ["example.org", "/news/", "ftp://example.org/", "https://", "javascript:alert(1)", "https://example.org/?q=1", "https://example.org/#top"])
    func baseURLMustBeAnAbsoluteHTTPURL(text: String) {
        #expect(SiteConfig.normalizedBaseURL(text) == nil)
    }

    @Test func viewRootAndNavAreRelativeAtEveryDepth() throws {
        let site = makeSite([makeArticle("Night trains", date: "2024-01-02T12:17:00Z", topics: ["Energy"])]) { $0.perPage = 1 }
        let views = ViewBuilder(site: site)
        for page in PagePlan(site).pages where page.file.hasSuffix(".html") {
            let view = views.view(of: page)
            #expect(resolve(view.root + "style.css", from: page.file) == "style.css")
            #expect(resolve(view.nav.home, from: page.file) == "index.html")
            #expect(resolve(view.nav.topics, from: page.file) == "topics/index.html")
            #expect(resolve(view.nav.archive, from: page.file) == "archive/index.html")
        }
    }
}
