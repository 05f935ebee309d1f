import Foundation
import Testing
@testable import BroadsheetKit

// MARK: - Folders and trees

/// `Tests/BroadsheetKitTests/`, where `Fixtures/` and `Golden/` live.
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Runs `body` with a fresh empty folder that is removed afterwards.
func withTemporaryFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("broadsheet-tests-\(UUID().uuidString)", isDirectory: true)
        .resolvingSymlinksInPath()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// Writes `files` (relative path → text) under `folder`, creating folders as needed.
func writeTree(_ files: [String: String], into folder: URL) throws {
    try writeTree(files.mapValues { Array($0.utf8) }, into: folder)
}

func writeTree(_ files: [String: [UInt8]], into folder: URL) throws {
    for (path, bytes) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

/// Every regular file under `folder` (hidden ones too), by relative path.
func readTree(_ folder: URL) throws -> [String: [UInt8]] {
    var tree: [String: [UInt8]] = [:]
    for path in try filePaths(in: folder) {
        tree[path] = try [UInt8](Data(contentsOf: folder.appendingPathComponent(path)))
    }
    return tree
}

/// Modification dates of every file under `folder`, by relative path.
func modificationDates(_ folder: URL) throws -> [String: Date] {
    var dates: [String: Date] = [:]
    for path in try filePaths(in: folder) {
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
        dates[path] = attributes[.modificationDate] as? Date
    }
    return dates
}

func filePaths(in folder: URL) throws -> [String] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    let base = folder.standardizedFileURL.pathComponents.count
    var paths: [String] = []
    for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
        paths.append(url.standardizedFileURL.pathComponents.dropFirst(base).joined(separator: "/"))
    }
    return paths.sorted()
}

extension Dictionary where Key == String, Value == [UInt8] {
    func text(_ path: String) -> String? {
        self[path].map { String(decoding: $0, as: UTF8.self) }
    }
}

// MARK: - A site on disk

/// A site folder (`Content/`, `Templates/`, `site.yml`) and where it builds to.
struct SiteFolders {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }
    var config: URL { root.appendingPathComponent("site.yml") }
    var output: URL { root.appendingPathComponent("Public") }

    /// A copy of `Fixtures/<name>/` inside `folder`.
    static func fixture(_ name: String, in folder: URL) throws -> SiteFolders {
        let site = SiteFolders(root: folder.appendingPathComponent(name))
        try FileManager.default.copyItem(at: testsFolder.appendingPathComponent("Fixtures/\(name)"), to: site.root)
        return site
    }

    func options(keepGoing: Bool = false, output: URL? = nil) -> BuildOptions {
        var options = BuildOptions(content: content, templates: templates, output: output ?? self.output, config: config)
        options.keepGoing = keepGoing
        return options
    }

    @discardableResult
    func build(keepGoing: Bool = false, into output: URL? = nil) throws -> BuildReport {
        try Builder(options(keepGoing: keepGoing, output: output)).build()
    }

    /// Adds `lines` (each ending in a newline) to the end of `site.yml`.
    func appendToConfig(_ lines: String) throws {
        let config = try String(contentsOf: self.config, encoding: .utf8)
        try (config + (config.hasSuffix("\n") ? "" : "\n") + lines).write(to: self.config, atomically: true, encoding: .utf8)
    }

    func write(_ files: [String: String], under folder: String = "Content") throws {
        try writeTree(files, into: root.appendingPathComponent(folder))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// The built site without the manifest.
    func outputTree() throws -> [String: [UInt8]] {
        try readTree(output).filter { $0.key != OutputWriter.manifestName }
    }
}

// MARK: - Parsing shortcuts

let utc = TimeZone(identifier: "UTC")!

/// `2024-01-02T12:17:00Z` as a `Date`; only for well-formed test constants.
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else { fatalError("bad test date \(text)") }
    return date
}

func parseMarkdown(_ text: String, path: String = "2024/01/story.md", timeZone: TimeZone = utc) -> ParseOutcome {
    MarkdownArticleReader(dates: DateParser(timeZone: timeZone)).read(text, path: path)
}

func parseWire(_ text: String, path: String = "2024/01/wire.txt", trailer: [String] = SiteConfig.defaultTrailerPatterns,
               timeZone: TimeZone = utc) -> ParseOutcome {
    WireReader(dates: DateParser(timeZone: timeZone), trailer: TrailerMatcher(patterns: trailer)).read(text, path: path)
}

/// Reads a file's bytes the way a build does (UTF-8 check, BOM, CRLF, then by extension).
func parseFile(_ bytes: [UInt8], path: String, config: SiteConfig = SiteConfig()) -> ParseOutcome {
    ArticleReader(config: config).read(SourceFile(path: path, bytes: bytes))
}

func errors(_ outcome: ParseOutcome) -> [Diagnostic] { outcome.diagnostics.filter { $0.severity == .error } }
func warnings(_ outcome: ParseOutcome) -> [Diagnostic] { outcome.diagnostics.filter { $0.severity == .warning } }

// MARK: - Articles and sites in memory

func makeArticle(_ title: String, date: String, topics: [String] = [], slug: String? = nil,
                 path: String? = nil, body: String = "Some words.") -> Article {
    let source = path ?? "\(date.prefix(7).replacingOccurrences(of: "-", with: "/"))/\(title.lowercased().filter(\.isLetter)).md"
    return Article(
        sourcePath: source, format: .markdown, title: title, date: instant(date), topics: topics,
        summary: body, author: nil, source: nil, sourceID: nil, sourceURL: nil,
        slug: slug.flatMap(Slug.init(from:)) ?? defaultSlug(title: title, path: source), draft: false,
        params: [:], body: BodyHTML("<p>\(body.htmlEscaped)</p>\n"), plainText: body,
        wordCount: body.split(separator: " ").count)
}

func makeSite(_ articles: [Article], _ configure: (inout SiteConfig) -> Void = { _ in }) -> Site {
    var config = SiteConfig()
    configure(&config)
    // As a build does: topic rules classify the articles that name none, then the site is made.
    let classifier = TopicClassifier(rules: config.topicRules, minHits: config.topicMinHits)
    let classified = articles.map { article in
        var article = article
        if article.topics.isEmpty { article.topics = classifier.topics(title: article.title, body: article.plainText) }
        return article
    }
    return Site(classified, config: config)
}

/// `n` articles one hour apart on 2 January 2024, newest last in the input.
func hourlyArticles(_ n: Int, topics: [String] = []) -> [Article] {
    (0..<n).map { makeArticle("Story \($0 + 1)", date: String(format: "2024-01-02T%02d:00:00Z", $0), topics: topics) }
}

// MARK: - Links in built HTML

/// Every `href` and `src` value of an HTML text, with `&amp;` decoded.
func linkTargets(in html: String) -> [String] {
    let expression = try! NSRegularExpression(pattern: #"\b(?:href|src)\s*=\s*"([^"]*)""#)
    return expression.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
        Range(match.range(at: 1), in: html).map { String(html[$0]).replacingOccurrences(of: "&amp;", with: "&") }
    }
}

/// A relative link from the file at `file` resolved to a file path in the site,
/// or nil when it climbs above the site root. Folders resolve to their `index.html`.
func resolve(_ link: String, from file: String) -> String? {
    var target = link
    if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
    var parts = file.split(separator: "/").dropLast().map(String.init)
    if target.isEmpty { return file }
    for piece in target.split(separator: "/", omittingEmptySubsequences: false) {
        switch piece {
        case "..": if parts.popLast() == nil { return nil }
        case ".", "": continue
        default: parts.append(String(piece))
        }
    }
    if target.hasSuffix("/") || target == "." || target.hasSuffix("/.") || target.hasSuffix("..") { parts.append("index.html") }
    return parts.joined(separator: "/")
}

/// Problems with the links of every HTML file in `tree`: root-absolute links and
/// relative links to files that do not exist. Links with a scheme and `#fragment`s are not checked.
func linkProblems(in tree: [String: [UInt8]]) -> [String] {
    var problems: [String] = []
    for (file, bytes) in tree.sorted(by: { $0.key < $1.key }) where file.hasSuffix(".html") {
        for link in linkTargets(in: String(decoding: bytes, as: UTF8.self)) {
            if link.hasPrefix("/") {
                problems.append("\(file): root-absolute link \(link)")
            } else if link.isEmpty || link.hasPrefix("#") || link.range(of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#, options: .regularExpression) != nil {
                continue
            } else if let target = resolve(link, from: file), tree[target] != nil {
                continue
            } else {
                problems.append("\(file): \(link) leads nowhere")
            }
        }
    }
    return problems
}

/// A seeded generator, so a failure can be run again.
struct Seeded: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
