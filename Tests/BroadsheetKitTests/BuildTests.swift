import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BroadsheetKit

/// Builds `Fixtures/basic` through `Builder` into temporary folders.
/// `BROADSHEET_RECORD=1 swift test --filter BuildTests` rewrites `Golden/basic`.
@Suite struct BuildTests {
    static let goldenFolder = testsFolder.appendingPathComponent("Golden/basic")
    static let recording = ProcessInfo.processInfo.environment["BROADSHEET_RECORD"] == "1"

    @Test func basicSiteMatchesTheGoldenFiles() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let output = try site.outputTree()
            if Self.recording {
                try? FileManager.default.removeItem(at: Self.goldenFolder)
                try writeTree(output, into: Self.goldenFolder)
                print("recorded \(output.count) golden files into \(Self.goldenFolder.path)")
                return
            }
            let golden = try readTree(Self.goldenFolder)
            #expect(output.keys.sorted() == golden.keys.sorted())
            for (path, bytes) in output.sorted(by: { $0.key < $1.key }) where golden[path] != nil && golden[path] != bytes {
                Issue.record("\(path) differs from Golden/basic/\(path); rerun with BROADSHEET_RECORD=1 if the change is intended:\n\(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test func reportCountsArticlesAndWarnings() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let report = try site.build()
            #expect(report.articles == 7)  // the draft is left out
            #expect(report.removed == 0)
            #expect(report.unchanged == 0)
            #expect(try report.written == site.outputTree().count)
            // `economy` in bakery-prices.md is merged into `Economy`
            #expect(report.diagnostics.map(\.description) == [
                #"2024/01/bakery-prices.md: warning: the topic "economy" is merged into "Economy" (both have the slug `economy`)"#,
            ])
        }
    }

    @Test func draftsAreBuiltOnlyWhenAskedFor() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            var options = site.options()
            options.includeDrafts = true
            let report = try Builder(options).build()
            #expect(report.articles == 8)
            #expect(try site.outputTree()["2024/02/01/spring-fair-plans/index.html"] != nil)
        }
    }

    // MARK: Determinism and incremental writes

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let first = folder.appendingPathComponent("first"), second = folder.appendingPathComponent("second")
            try site.build(into: first)
            try site.build(into: second)
            let a = try readTree(first), b = try readTree(second)
            #expect(a.keys.sorted() == b.keys.sorted())
            #expect(a == b)
        }
    }

    @Test func aSecondBuildRewritesNothing() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let before = try modificationDates(site.output)
            let bytes = try readTree(site.output)
            let report = try site.build()
            #expect(report.written == 0)
            #expect(report.removed == 0)
            #expect(report.unchanged == bytes.count - 1)  // every file but the manifest
            #expect(try modificationDates(site.output) == before)
            #expect(try readTree(site.output) == bytes)
        }
    }

    @Test func changingOneArticleRewritesOnlyThePagesThatShowIt() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let before = try readTree(site.output)
            let text = try String(contentsOf: site.content.appendingPathComponent("2024/01/ferry-timetable.md"), encoding: .utf8)
            try site.write(["2024/01/ferry-timetable.md": text.replacingOccurrences(of: "06:40", with: "06:50")])
            let report = try site.build()
            let after = try readTree(site.output)
            let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
            #expect(report.written == changed.count)
            #expect(changed.contains("2024/01/30/winter-ferry-timetable-starts-on-tuesday/index.html"))
            #expect(changed.contains("feed.xml"))
            #expect(!changed.contains("2024/02/01/index.html"))
            #expect(!changed.contains("style.css"))
        }
    }

    @Test func deletingAnArticleRemovesItsPageAndItsListEntries() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let page = "2024/01/30/winter-ferry-timetable-starts-on-tuesday/index.html"
            #expect(try site.outputTree()[page] != nil)

            try site.remove("Content/2024/01/ferry-timetable.md")
            let report = try site.build()
            let output = try site.outputTree()
            #expect(output[page] == nil)
            #expect(output["2024/01/30/index.html"] == nil)  // the day has no articles left
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2024/01/30").path))
            #expect(report.removed >= 2)
            for (path, bytes) in output where path.hasSuffix(".html") || path.hasSuffix(".xml") {
                #expect(!String(decoding: bytes, as: UTF8.self).contains("winter-ferry-timetable"), "\(path) still links to the deleted article")
            }
            #expect(linkProblems(in: output) == [])
            let manifest = try #require(try readTree(site.output).text(OutputWriter.manifestName))
            #expect(!manifest.contains("winter-ferry"))
        }
    }

    @Test func filesBroadsheetDidNotWriteAreKept() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            try writeTree(["CNAME": "news.example.org\n"], into: site.output)
            try site.build()
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("CNAME").path))
        }
    }

    // MARK: Errors

    @Test func contentErrorsLeaveTheOutputExactlyAsItWas() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let bytes = try readTree(site.output)
            let dates = try modificationDates(site.output)

            try site.write([
                "2024/02/zz-no-title.md": "---\ndate: 2024-02-02\n---\nBody\n",
                "2024/01/aa-bad-dateline.txt": "Yesterday at noon\n\nTitle\n\nBody.\n",
                "2024/02/fine.md": "---\ntitle: A fine new story\ndate: 2024-02-02\n---\nBody\n",
            ])
            let failure = try #require(throws: BuildFailure.self) { try site.build() }
            #expect(failure.diagnostics.map(\.path) == ["2024/01/aa-bad-dateline.txt", "2024/02/zz-no-title.md"])
            #expect(failure.diagnostics.allSatisfy { $0.severity == .error && $0.line == 1 })
            #expect(try readTree(site.output) == bytes)
            #expect(try modificationDates(site.output) == dates)
        }
    }

    @Test func aFailedFirstBuildCreatesNothing() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["2024/02/bad.md": "no front matter\n"])
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
        }
    }

    @Test func keepGoingBuildsTheRestAndReportsTheBadFiles() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write([
                "2024/02/no-title.md": "---\ndate: 2024-02-02\n---\nBody\n",
                "2024/02/fine.md": "---\ntitle: A fine new story\ndate: 2024-02-02\n---\nBody\n",
            ])
            let report = try site.build(keepGoing: true)
            #expect(report.articles == 8)
            #expect(try site.outputTree()["2024/02/02/a-fine-new-story/index.html"] != nil)
            let skipped = report.diagnostics.filter { $0.path == "2024/02/no-title.md" }
            #expect(skipped.count == 1)
            #expect(skipped.allSatisfy { $0.severity == .warning && $0.message.contains("no `title`") })
        }
    }

    @Test func templateErrorsFailTheBuild() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.remove("Templates/404.mustache")
            try site.write(["topics.mustache": "{{#topics}}unclosed"], under: "Templates")
            let failure = try #require(throws: BuildFailure.self) { try site.build() }
            #expect(failure.diagnostics.map(\.path) == ["404.mustache", "topics.mustache"])
        }
    }

    @Test func staticFilesInNestedFoldersAreWrittenOnFirstAndLaterBuilds() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["static/fonts/Überschrift/bold.txt": "b\n", "static/fonts/plain.txt": "p\n"], under: "Templates")
            try site.build()   // a first build: a fresh tree renamed into place
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".Public.broadsheet-new").path))
            try site.write(["static/fonts/Überschrift/italic/x.txt": "i\n", "static/img/a/b/c.txt": "c\n"], under: "Templates")
            try site.build()   // a later build: staged files moved into the output
            let output = try site.outputTree()
            #expect(output.text("fonts/Überschrift/bold.txt") == "b\n")
            #expect(output.text("fonts/plain.txt") == "p\n")
            #expect(output.text("fonts/Überschrift/italic/x.txt") == "i\n")
            #expect(output.text("img/a/b/c.txt") == "c\n")
        }
    }

    @Test func aFirstBuildMakesTheFoldersAboveTheOutput() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let output = site.root.appendingPathComponent("deploy/www/Public")
            try site.build(into: output)
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
            let beside = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            #expect(beside.filter { !$0.hasSuffix("broadsheet-cache") } == ["Public"])
        }
    }

    @Test func aStaticFileMayNotReplaceAPage() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["static/404.html": "<p>mine</p>\n"], under: "Templates")
            let failure = try #require(throws: BuildFailure.self) { try site.build() }
            #expect(failure.diagnostics.map(\.path) == ["static/404.html"])
        }
    }

    @Test func refusesAFolderItDidNotCreate() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try writeTree(["notes.txt": "mine\n"], into: site.output)
            #expect(throws: UsageError.self) { try site.build() }
            #expect(throws: UsageError.self) { try site.build(into: site.content) }
            #expect(try readTree(site.output).keys.sorted() == ["notes.txt"])
        }
    }

    // MARK: Feeds and links

    @Test func feedsAreWellFormedAtomWithAbsoluteLinks() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let output = try site.outputTree()
            let feeds = output.keys.filter { $0.hasSuffix("feed.xml") }.sorted()
            #expect(feeds == ["feed.xml", "topics/economy/feed.xml", "topics/transport/feed.xml", "topics/weather/feed.xml"])
            for path in feeds + ["sitemap.xml"] {
                let xml = try XMLSummary(try #require(output[path]))
                #expect(xml.error == nil, "\(path) is not well-formed: \(xml.error ?? "")")
                #expect(!xml.links.isEmpty)
                for link in xml.links {
                    #expect(link.hasPrefix("https://news.example.org/digest/"), "\(path) has a link \(link)")
                    #expect(resolvesInSite(link, output), "\(path) links to \(link), which is not built")
                }
            }
            let siteFeed = try XMLSummary(try #require(output["feed.xml"]))
            #expect(siteFeed.root == "feed")
            #expect(siteFeed.count("entry") == 7)
            #expect(siteFeed.firstText("updated") == "2024-02-01T07:15:00Z")  // the newest article, not the build time
            let economy = try XMLSummary(try #require(output["topics/economy/feed.xml"]))
            #expect(economy.count("entry") == 3)
            let sitemap = try XMLSummary(try #require(output["sitemap.xml"]))
            #expect(sitemap.root == "urlset")
            #expect(!sitemap.links.contains { $0.contains("404") })
        }
    }

    @Test func feedsStayWellFormedWhenContentHasControlCharacters() throws {
        #expect("bell\u{07} <b>\u{1B}\ttab".xmlEscaped == "bell &lt;b&gt;\ttab")
        #expect("a\u{FFFE}b\u{FFFF}c\u{FFFD}\u{FEFF} \"é\" & 'x'\r\n".xmlEscaped == "abc\u{FFFD}\u{FEFF} &quot;é&quot; &amp; &#39;x&#39;\r\n")
        #expect("a\u{FFFE}\u{07} <é>".htmlEscaped == "a\u{FFFE}\u{07} &lt;é&gt;")
        #expect("plain text, nothing to do".htmlEscaped == "plain text, nothing to do")
        // Escapes first, last and next to each other, and a U+FFFF at the very end.
        #expect("<&>".htmlEscaped == "&lt;&amp;&gt;" && "'".htmlEscaped == "&#39;" && "x\u{FFFF}".xmlEscaped == "x" && "\u{FFFE}\u{07}".xmlEscaped == "")
        for text in ["<&>", "It's \"quoted\" & <b>", "plain", "", "é\u{FFFE}<"] {
            var bytes: [UInt8] = [0x21]
            text.appendHTMLEscaped(to: &bytes)
            #expect(bytes == [0x21] + Array(text.htmlEscaped.utf8), "\(text)")
        }
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["2024/02/escape.txt": "Thursday, 01 February 2024 18:00 GMT\n\nPasted\u{1B} title\n\nText with a form\u{0C}feed and a vertical\u{0B}tab.\n"])
            try site.build()
            for (path, bytes) in try site.outputTree() where path.hasSuffix(".xml") {
                let xml = try XMLSummary(bytes)
                #expect(xml.error == nil, "\(path): \(xml.error ?? "")")
            }
        }
    }

    @Test func feedItemsLimitsTheEntries() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.appendToConfig("feed_items: 2\n")
            try site.build()
            let feed = try XMLSummary(try #require(try site.outputTree()["feed.xml"]))
            #expect(feed.count("entry") == 2)
        }
    }

    @Test func withoutABaseURLThereAreNoFeedsSitemapOrCanonicalLinks() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let config = try String(contentsOf: site.config, encoding: .utf8)
            try config.replacingOccurrences(of: "base_url: https://news.example.org/digest\n", with: "")
                .write(to: site.config, atomically: true, encoding: .utf8)
            let report = try site.build()
            let output = try site.outputTree()
            #expect(output.keys.filter { $0.hasSuffix(".xml") }.isEmpty)
            #expect(report.diagnostics.filter { $0.message.contains("no base_url") }.count == 1)
            for (path, bytes) in output where path.hasSuffix(".html") {
                #expect(!String(decoding: bytes, as: UTF8.self).contains("https://news.example.org"), "\(path)")
            }
            #expect(linkProblems(in: output) == [])
        }
    }

    @Test func baseURLFromTheCommandLineWins() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            var options = site.options()
            options.baseURL = "https://mirror.example.net/x"
            try Builder(options).build()
            let feed = try #require(try site.outputTree().text("feed.xml"))
            #expect(feed.contains("https://mirror.example.net/x/2024/"))
            #expect(!feed.contains("news.example.org"))
        }
    }

    @Test func everyHTMLLinkIsRelativeAndLeadsToABuiltFile() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let output = try site.outputTree()
            #expect(output.keys.filter { $0.hasSuffix(".html") }.count > 20)
            for (path, bytes) in output where path.hasSuffix(".html") {
                let html = String(decoding: bytes, as: UTF8.self)
                #expect(!html.contains("href=\"/") && !html.contains("src=\"/"), "\(path) has a root-absolute link")
            }
            #expect(linkProblems(in: output) == [])
        }
    }

    @Test func prettyURLLinksLeadToBuiltFolders() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.appendToConfig("pretty_urls: true\n")
            try site.build()
            let output = try site.outputTree()
            let home = try #require(output.text("index.html"))
            #expect(home.contains("href=\"topics/\""))
            #expect(!home.contains("index.html\""))
            #expect(linkProblems(in: output) == [])
        }
    }

    @Test func contentIsEscapedEverywhere() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let output = try site.outputTree()
            for (path, bytes) in output where path.hasSuffix(".html") || path.hasSuffix(".xml") {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains("<prices>"), "\(path)")
                #expect(!text.contains("<script>alert"), "\(path)")
                #expect(!text.contains("javascript:"), "\(path)")
                #expect(!text.contains("<b>vote"), "\(path)")
            }
            let bakery = try #require(output.text("2024/01/31/bread-butter-bakeries-raise-prices/index.html"))
            #expect(bakery.contains("<h1>Bread &amp; butter: bakeries raise &lt;prices&gt;</h1>"))
        }
    }

    @Test func linkCheckerFindsBrokenAndRootAbsoluteLinks() {
        let tree: [String: [UInt8]] = [
            "index.html": Array(##"<a href="topics/index.html">ok</a> <a href="/abs.html">x</a> <img src="missing.png"> <a href="https://example.org/">ext</a> <a href="#top">top</a>"##.utf8),
            "topics/index.html": Array(##"<a href="../index.html">ok</a> <a href="../../outside.html">x</a> <a href="../topics/">ok</a> <a href="energy">x</a>"##.utf8),
        ]
        #expect(linkProblems(in: tree) == [
            "index.html: root-absolute link /abs.html",
            "index.html: missing.png leads nowhere",
            "topics/index.html: ../../outside.html leads nowhere",
            "topics/index.html: energy leads nowhere",
        ])
    }

    private func resolvesInSite(_ url: String, _ output: [String: [UInt8]]) -> Bool {
        let base = "https://news.example.org/digest/"
        guard url.hasPrefix(base) else { return false }
        let path = String(url.dropFirst(base.count))
        return output[path] != nil || output[path + "index.html"] != nil
    }
}

/// What a test needs from an XML document: whether it parsed, its root, element
/// counts, the text of elements, and every link (`href` attributes and `loc`/`id` texts).
final class XMLSummary: NSObject, XMLParserDelegate {
    private(set) var error: String?
    private(set) var root: String?
    private(set) var links: [String] = []
    private var counts: [String: Int] = [:]
    private var texts: [String: [String]] = [:]
    private var stack: [String] = []
    private var text = ""

    init(_ bytes: [UInt8]) throws {
        super.init()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = self
        if !parser.parse() { error = error ?? parser.parserError.map { "\($0)" } ?? "unknown error" }
    }

    func count(_ element: String) -> Int { counts[element, default: 0] }
    func firstText(_ element: String) -> String? { texts[element]?.first }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name }
        counts[name, default: 0] += 1
        stack.append(name)
        text = ""
        if name == "link", let href = attributes["href"] { links.append(href) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        if stack.last != "entry" || name != "content" { texts[name, default: []].append(text) }
        if name == "loc" || (name == "id" && stack.last != nil) { links.append(text) }
        text = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = "line \(parser.lineNumber): \(parseError)"
    }
}
