import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BroadsheetKit

/// Hostile content: nothing executable reaches a page, nothing hangs the build,
/// symlinks do not lead out, and `keepGoing` builds whatever is valid.
@Suite struct ContentSafetyTests {
    // MARK: Nothing executable from content

    /// The hostile articles built with the default theme of the repository (the one users get).
    private func buildHostileSite(in folder: URL) throws -> [String: [UInt8]] {
        let site = try SiteFolders.withAdversarial(["hostile"], in: folder)
        try FileManager.default.removeItem(at: site.templates)
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Templates"), to: site.templates)
        let report = try site.build()
        #expect(report.diagnostics.contains { $0.path == "hostile/unsafe-source.md" && $0.message.contains("`javascript:`") })
        return try site.outputTree()
    }

    @Test func noScriptHandlerOrScriptURLFromContentReachesAnyPage() throws {
        try withTemporaryFolder { folder in
            let output = try buildHostileSite(in: folder)
            let article = try #require(output.text("2024/02/05/title-script-alert-title-script-quotes/index.html"))
            #expect(article.contains("&lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
            var checked = 0
            for (path, bytes) in output where path.hasSuffix(".html") {
                let problems = Self.executableMarkup(in: String(decoding: bytes, as: UTF8.self))
                #expect(problems.isEmpty, "\(path): \(problems)")
                checked += 1
            }
            #expect(checked > 20)
            // every payload is still there, as text
            for marker in ["alert(&#39;title&#39;)", "alert(&#39;summary&#39;)", "alert(&#39;topic&#39;)", "alert(&#39;author&#39;)"] {
                #expect(output.values.contains { String(decoding: $0, as: UTF8.self).contains(marker) }, "\(marker) vanished")
            }
        }
    }

    @Test func onlyHTTPHTTPSAndMailtoLinksLeaveTheContent() throws {
        try withTemporaryFolder { folder in
            let output = try buildHostileSite(in: folder)
            for (path, bytes) in output where path.hasSuffix(".html") {
                for link in linkTargets(in: String(decoding: bytes, as: UTF8.self)) {
                    guard let scheme = Self.scheme(of: link) else { continue }
                    #expect(["http", "https", "mailto"].contains(scheme), "\(path) links to \(link)")
                }
            }
            let safe = try #require(output.text("2024/02/05/source-with-a-safe-link/index.html"))
            #expect(safe.contains(#"href="https://example.org/story?a=1&amp;b=&quot;2&quot;""#))
            let unsafe = try #require(output.text("2024/02/05/source-with-a-script-scheme/index.html"))
            #expect(!unsafe.contains("alert(&#39;source link") && !unsafe.contains("alert('source link"))
        }
    }

    @Test func feedsAndSitemapStayValidXMLWithMarkupInEveryField() throws {
        try withTemporaryFolder { folder in
            let output = try buildHostileSite(in: folder)
            let xmlFiles = output.keys.filter { $0.hasSuffix(".xml") }.sorted()
            #expect(xmlFiles.contains("feed.xml") && xmlFiles.contains("sitemap.xml"))
            for path in xmlFiles {
                let xml = try XMLSummary(try #require(output[path]))
                #expect(xml.error == nil, "\(path): \(xml.error ?? "")")
            }
            // The title round-trips as text: escaped once, not dropped, not executed.
            let feed = try XMLSummary(try #require(output["feed.xml"]))
            #expect(feed.count("entry") > 0)
            let titles = try Self.elementTexts("title", in: try #require(output["feed.xml"]))
            #expect(titles.contains("</title><script>alert('title')</script> & \"quotes\""), "\(titles)")
            let summaries = try Self.elementTexts("summary", in: try #require(output["feed.xml"]))
            #expect(summaries.contains("<img src=x onerror=alert('summary')> ]]> </summary>"))
            // The entry content is HTML as text: once unescaped it is cmark's safe HTML.
            for content in try Self.elementTexts("content", in: try #require(output["feed.xml"])) {
                #expect(Self.executableMarkup(in: content).isEmpty, "\(content.prefix(200))")
            }
        }
    }

    @Test func jsonLDCannotCloseItsScriptElement() throws {
        try withTemporaryFolder { folder in
            let output = try buildHostileSite(in: folder)
            let page = try #require(output.text("2024/02/05/title-script-alert-title-script-quotes/index.html"))
            let open = #"<script type="application/ld+json">"#
            let start = try #require(page.range(of: open))
            let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
            let json = String(page[start.upperBound..<end.lowerBound])
            #expect(!json.contains("<"))
            let value = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(value?["headline"] as? String == "</title><script>alert('title')</script> & \"quotes\"")
        }
    }

    @Test func cmarkNeverRunsUnsafe() throws {
        // No source file may ask for unsafe rendering, and every call into cmark
        // passes the one option set, which is not unsafe.
        let sources = packageRoot.appendingPathComponent("Sources")
        var calls = 0
        for path in try filePaths(in: sources) where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
                .split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            #expect(!text.contains("CMARK_OPT_UNSAFE"), "\(path) uses CMARK_OPT_UNSAFE")
            let pattern = #"cmark_(parse_document|render_[a-z]+|markdown_to_html|parser_new)\((?:[^()]|\([^()]*\))*\)"#
            let expression = try NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let call = String(text[Range(match.range, in: text)!])
                #expect(call.hasSuffix("options)") || call.hasSuffix("options, 0)"), "\(path): \(call)")
                calls += 1
            }
            if text.contains("cmark_parse_document") {
                let options = try #require(text.range(of: #"static let options = [^\n]*"#, options: .regularExpression).map { String(text[$0]) })
                #expect(!options.contains("UNSAFE"), "\(options)")
            }
        }
        #expect(calls >= 2)
        // and in behaviour: raw HTML is omitted, not passed through
        let rendered = CommonMark.render("<div onclick=\"x()\">raw</div>\n\n<b>inline</b> [a](javascript:x())")
        #expect(!rendered.html.contains("<div") && !rendered.html.contains("<b>") && !rendered.html.contains("javascript"))
        #expect(rendered.html.contains("raw HTML omitted"))
        // Bodies reach cmark as `String`s, valid UTF-8 by construction (a file that is not is
        // refused when it is read); NUL bytes, which a `String` may hold, cmark replaces itself.
        #expect(CommonMark.render("a\u{0}b").html == "<p>a\u{FFFD}b</p>\n")
    }

    /// Tags and attributes in `html` that could run script: any `<script>` but the
    /// JSON-LD block and the theme's own script files, event handler attributes,
    /// `<iframe>`, `<object>`, `<embed>`, `<svg>` with handlers, and script URLs.
    static func executableMarkup(in html: String) -> [String] {
        var problems: [String] = []
        let tags = try! NSRegularExpression(pattern: #"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"#)
        let attributes = try! NSRegularExpression(pattern: #"([^\s=/"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?"#)
        for match in tags.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let tag = String(html[Range(match.range, in: html)!])
            let name = String(html[Range(match.range(at: 1), in: html)!]).lowercased()
            let rest = String(html[Range(match.range(at: 2), in: html)!])
            if ["iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta"].contains(name), name != "meta" || tag.lowercased().contains("http-equiv") {
                problems.append(tag)
            }
            if name == "script", tag != #"<script type="application/ld+json">"#,
               tag.range(of: #"^<script src="(\.\./)*(search-index|search)\.js" defer>$"#, options: .regularExpression) == nil {
                problems.append(tag)
            }
            for attribute in attributes.matches(in: rest, range: NSRange(rest.startIndex..., in: rest)) {
                let key = String(rest[Range(attribute.range(at: 1), in: rest)!]).lowercased()
                let value = attribute.range(at: 2).location == NSNotFound ? ""
                    : String(rest[Range(attribute.range(at: 2), in: rest)!]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if key.hasPrefix("on") { problems.append(tag) }
                if ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"].contains(key),
                   let scheme = scheme(of: value), !["http", "https", "mailto"].contains(scheme),
                   !(scheme == "data" && value.lowercased().hasPrefix("data:image/") && key == "src") {
                    problems.append(tag)
                }
            }
        }
        return problems
    }

    /// The scheme a browser would see in an attribute value (entities decoded, spaces
    /// and control characters around and inside ignored), or nil for a relative URL.
    static func scheme(of attribute: String) -> String? {
        var value = attribute
        let entity = try! NSRegularExpression(pattern: #"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);?"#)
        for match in entity.matches(in: attribute, range: NSRange(attribute.startIndex..., in: attribute)).reversed() {
            let name = String(attribute[Range(match.range(at: 1), in: attribute)!])
            let scalar: Unicode.Scalar? = switch name.lowercased() {
            case let n where n.hasPrefix("#x"): UInt32(n.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            case let n where n.hasPrefix("#"): UInt32(n.dropFirst()).flatMap(Unicode.Scalar.init)
            case "colon": ":"
            case "tab": "\t"
            case "newline": "\n"
            case "amp": "&"
            default: nil
            }
            if let scalar, let range = Range(match.range, in: value) { value.replaceSubrange(range, with: String(Character(scalar))) }
        }
        value = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 }))
        guard let match = value.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) else { return nil }
        return value[match].dropLast().lowercased()
    }

    /// The texts of every `name` element, unescaped by a real XML parser.
    static func elementTexts(_ name: String, in bytes: [UInt8]) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            let name: String
            var texts: [String] = []
            var current: String?
            init(_ name: String) { self.name = name }
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if element == name { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
                if element == name, let text = current { texts.append(text); current = nil }
            }
        }
        let collector = Collector(name)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        #expect(parser.parse())
        return collector.texts
    }

    @Test func theScriptCheckerFindsWhatItLooksFor() {
        #expect(Self.executableMarkup(in: #"<p>fine</p><script>x()</script>"#).count == 1)
        #expect(Self.executableMarkup(in: #"<img src=x onerror="alert(1)">"#).count == 1)
        #expect(Self.executableMarkup(in: #"<a href=" JavaScript:alert(1)">x</a>"#).count == 1)
        #expect(Self.executableMarkup(in: #"<svg onload=alert(1)>"#).count == 1)
        #expect(Self.executableMarkup(in: #"<iframe src="https://example.org/"></iframe>"#).count == 1)
        #expect(Self.executableMarkup(in: #"<p title="a > b">&lt;script&gt;</p><a href="../x/index.html">x</a>"#).isEmpty)
        #expect(Self.executableMarkup(in: #"<script type="application/ld+json">{}</script><script src="../search.js" defer></script>"#).isEmpty)
    }

    // MARK: No hangs

    /// Bodies on which Debian's cmark 0.30 takes super-linear time, and close relatives.
    static let pathologicalBodies: [(name: String, body: String)] = [
        ("30,000 nested list markers", String(repeating: "- ", count: 30000) + "x"),
        ("100,000 quotes before 100,000 emphasis openers", String(repeating: ">", count: 100_000) + String(repeating: "a*", count: 100_000)),
        ("40,000 image-bracket runs", String(repeating: "![[]()", count: 40000)),
        ("20,000 nested ordered lists before emphasis", String(repeating: "1. ", count: 20000) + String(repeating: "a*", count: 100_000)),
        ("20,000 nested ordered lists with parentheses", String(repeating: "1) ", count: 20000) + String(repeating: "a*", count: 100_000)),
        ("mixed quote and list markers", String(repeating: "> - 2. ", count: 10000) + String(repeating: "a_", count: 100_000)),
        ("1,000 list levels built from indentation, then emphasis",
         (0..<1000).map { String(repeating: "  ", count: $0) + "- a\n" }.joined() + String(repeating: "  ", count: 1000) + "- " + String(repeating: "a*", count: 1_000_000)),
        ("1,000 list levels, then emphasis on a lazy continuation line",
         (0..<1000).map { String(repeating: "  ", count: $0) + "- a\n" }.joined() + String(repeating: "a*", count: 1_000_000)),
    ]

    @Test(arguments: pathologicalBodies.map(\.name))
    func aPathologicalBodyFailsItsFileQuicklyWithAClearError(_ name: String) throws {
        let body = try #require(Self.pathologicalBodies.first { $0.name == name }?.body)
        let file = SourceFile(path: "2024/01/slow.md", bytes: Array(("---\ntitle: Slow\ndate: 2024-01-02\n---\n" + body + "\n").utf8))
        let reader = ArticleReader(config: SiteConfig())
        let (outcome, _) = try #require(withinTimeLimit(.seconds(5), name) { reader.read(file) })
        #expect(outcome.article == nil, "\(name) was rendered")
        let error = try #require(errors(outcome).first)
        #expect(error.path == "2024/01/slow.md")
        #expect(error.line ?? 0 >= 5, "the error names the body's line: \(error)")
        #expect(error.message.contains("; expected"), "\(error)")
    }

    @Test func bodiesJustInsideTheLimitsStillRenderQuickly() throws {
        let reader = ArticleReader(config: SiteConfig())
        let bodies = [
            String(repeating: "> ", count: 64) + String(repeating: "a*", count: 50000),
            String(repeating: "1. ", count: 64) + String(repeating: "a*", count: 50000),
            String(repeating: "![[]()", count: 10000),
            (0..<30).map { String(repeating: "  ", count: $0) + "- level \($0) with *some* _emphasis_ and [links](https://example.org/)\n" }.joined(),
        ]
        for body in bodies {
            let file = SourceFile(path: "2024/01/edge.md", bytes: Array(("---\ntitle: Edge\ndate: 2024-01-02\n---\n" + body + "\n").utf8))
            let result = withinTimeLimit(.seconds(5), "a body near the limits") { reader.read(file) }
            #expect(result?.value.article != nil, "\(String(describing: result?.value.diagnostics))")
        }
    }

    @Test func aPathologicalFileFailsTheBuildByNameAndKeepGoingBuildsTheRest() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["2024/02/slow.md": "---\ntitle: Slow\ndate: 2024-02-02\n---\n" + String(repeating: ">", count: 100_000) + String(repeating: "a*", count: 100_000) + "\n"])
            let options = site.options()
            let failed = withinTimeLimit(.seconds(20), "a build with a pathological file") { () -> [Diagnostic] in
                do { _ = try Builder(options).build(); return [] } catch let failure as BuildFailure { return failure.diagnostics } catch { return [] }
            }
            #expect(failed?.value.map(\.path) == ["2024/02/slow.md"])
            let keepGoing = site.options(keepGoing: true)
            let built = withinTimeLimit(.seconds(20), "a keep-going build with a pathological file") { try? Builder(keepGoing).build() }
            #expect(built?.value?.articles == 7)
        }
    }

    /// Nine anchors, each a list of nine aliases of the one before: about 387 million
    /// `lol`s once expanded, in 1 KB of YAML. As a value of an unknown key, or as a key.
    static func billionLaughs(asKey: Bool) -> String {
        var yaml = "---\ntitle: Laughs\ndate: 2024-01-02\na: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += asKey ? "? *i\n: boom\n" : "laughs: *i\n"
        return yaml + "---\nBody.\n"
    }

    @Test(arguments: [false, true])
    func aYAMLAliasBombIsRejectedQuickly(asKey: Bool) throws {
        let text = Self.billionLaughs(asKey: asKey)
        let (outcome, _) = try #require(withinTimeLimit(.seconds(5), "billion laughs") { parseMarkdown(text, path: "2024/01/laughs.md") })
        #expect(outcome.article == nil)
        let error = try #require(errors(outcome).first)
        // `f` (line 9) is the first anchor whose expansion passes 100,000 values
        #expect(error.line == 9, "\(error)")
        #expect(error.message.contains("; expected"), "\(error)")
    }

    @Test func aYAMLAliasBombInSiteYMLIsRejectedQuickly() throws {
        var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "? *i\n: boom\ntopics:\n  Laughs: *i\n"
        let text = yaml
        let result = try #require(withinTimeLimit(.seconds(5), "billion laughs in site.yml") { SiteConfig.parse(text, path: "site.yml") })
        #expect(throws: BuildFailure.self) { try result.value.get() }
    }

    @Test(arguments: [300 << 10, 10 << 20])
    func hugeFrontMatterIsRejectedQuickly(bytes: Int) throws {
        let text = "---\ntitle: Huge\ndate: 2024-01-02\nfiller: " + String(repeating: "x", count: bytes) + "\n---\nBody\n"
        let file = SourceFile(path: "2024/01/huge.md", bytes: Array(text.utf8))
        let reader = ArticleReader(config: SiteConfig())
        let (outcome, _) = try #require(withinTimeLimit(.seconds(5), "\(bytes) bytes of front matter") { reader.read(file) })
        #expect(outcome.article == nil)
        let error = try #require(errors(outcome).first)
        #expect(error.message.contains(bytes > ArticleReader.maxFileBytes ? "the file is" : "the YAML block is"), "\(error)")
        #expect(error.message.contains("; expected "), "\(error)")
    }

    // MARK: Which files are read

    @Test func onlyVisibleFilesWithTheContentExtensionsAreListed() throws {
        try withTemporaryFolder { folder in
            let names = ["a.md", "B.MD", "c.Txt", "notes", "md", "d.markdown", "x.md.bak", ".hidden.md", "_draft.md", "sub/e.md", "_sub/f.md", ".md"]
            for name in names {
                let url = folder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(name.utf8).write(to: url)
            }
            let (entries, diagnostics) = FolderReader(root: folder, extensions: ["md", "txt"]).list()
            #expect(entries.map(\.path) == ["B.MD", "a.md", "c.Txt", "sub/e.md"])
            #expect(entries.map(\.status.size) == entries.map(\.path.utf8.count))
            #expect(diagnostics.isEmpty)
            let (files, _) = FolderReader.read(entries)
            #expect(files.map { $0.map { String(decoding: $0.bytes, as: UTF8.self) } } == entries.map(\.path))
        }
    }

    // MARK: Symlinks and special files

    @Test func symlinksOutOfTheContentFolderAreNotFollowedAndLoopsEnd() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let secret = folder.appendingPathComponent("secret")
            try writeTree(["leak.md": "---\ntitle: Secret memo\ndate: 2024-02-02\n---\nSECRET-TEXT\n", "more/other.md": "---\ntitle: Another secret\ndate: 2024-02-02\n---\nSECRET-TEXT\n"], into: secret)
            let links: [(String, String)] = [
                ("Content/2024/02/leak.md", secret.appendingPathComponent("leak.md").path),   // a file outside
                ("Content/2024/secrets", secret.path),                                         // a folder outside
                ("Content/2024/up.md", "../../../secret/leak.md"),                             // relative, outside
                ("Content/loop.md", "loop.md"),                                                // itself
                ("Content/ping.md", "pong.md"), ("Content/pong.md", "ping.md"),               // each other
                ("Content/2024/again", "."),                                                   // a folder loop inside
                ("Content/2024/02/alias.md", "snow-ploughs.md"),                               // a file inside: fine
                ("Templates/static/passwd", "/etc/passwd"),                                    // an asset outside
            ]
            for (path, target) in links {
                try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent(path).path, withDestinationPath: target)
            }
            #expect(mkfifo(site.content.appendingPathComponent("2024/02/pipe.md").path, 0o644) == 0)   // reading it would block

            let options = site.options()
            let result = withinTimeLimit(.seconds(30), "a build with symlink loops and a pipe") { Result { try Builder(options).build() } }
            let report = try #require(try result?.value.get())
            let warned = Set(report.diagnostics.filter { $0.message.contains("symlink") }.map(\.path))
            let named: Set = ["2024/02/leak.md", "2024/secrets", "2024/up.md", "loop.md", "ping.md", "pong.md", "passwd"]
            #expect(warned.isSuperset(of: named), "\(warned)")
            #expect(warned.subtracting(named).isSubset(of: ["static/passwd"]), "\(warned)")
            let output = try site.outputTree()
            #expect(!output.values.contains { String(decoding: $0, as: UTF8.self).contains("SECRET-TEXT") })
            #expect(!output.values.contains { String(decoding: $0, as: UTF8.self).contains("root:") })
            #expect(output["passwd"] == nil)
            // the link to an article inside the folder is read like any file
            #expect(report.articles == 8)
        }
    }

    // MARK: keepGoing

    @Test func keepGoingBuildsEveryValidArticleAndReportsEveryBrokenOne() throws {
        // (one broken file: BuildTests.keepGoingBuildsTheRestAndReportsTheBadFiles)
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["errors", "fine", "hostile"], in: folder)
            let strict = try #require(throws: BuildFailure.self) { try site.build() }
            let report = try site.build(keepGoing: true)
            #expect(report.articles == 7 + 3 + 4)
            // every error of the strict build, now a warning at the same place
            let demoted = strict.diagnostics.map { var d = $0; d.severity = .warning; return d }
            #expect(Set(demoted).isSubset(of: Set(report.diagnostics)))
            #expect(!report.diagnostics.contains { $0.severity == .error })
            let output = try site.outputTree()
            for page in ["2024/02/03/windows-story-with-a-bom/index.html", "2024/02/05/source-with-a-safe-link/index.html",
                         "2024/01/31/bread-butter-bakeries-raise-prices/index.html"] {
                #expect(output[page] != nil, "\(page) was not built")
            }
        }
    }
}
