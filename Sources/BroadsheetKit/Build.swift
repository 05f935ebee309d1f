import Foundation

/// What `broadsheet build` is asked to do.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL
    /// `site.yml`; when `configRequired` is false a missing file means defaults.
    public var config: URL
    public var configRequired = false
    public var includeDrafts = false
    /// Build the valid articles and report the invalid ones as warnings.
    public var keepGoing = false
    /// Overrides `base_url` from the config.
    public var baseURL: String?
    /// Build into a non-empty folder that has no manifest.
    public var force = false

    public init(content: URL, templates: URL, output: URL, config: URL) {
        self.content = content
        self.templates = templates
        self.output = output
        self.config = config
    }
}

/// What a build did, for the one summary line.
public struct BuildReport: Sendable {
    public var articles: Int
    public var written: Int
    public var unchanged: Int
    public var removed: Int
    public var seconds: Double
    /// Warnings (and, with `--keep-going`, the errors of skipped files).
    public var diagnostics: [Diagnostic]
    /// Seconds spent in each stage, in order.
    public var stages: [(name: String, seconds: Double)]

    public var summary: String {
        "\(articles) articles: \(written) pages written, \(unchanged) unchanged, \(removed) removed in \(String(format: "%.2f", seconds)) s"
    }
}

/// Runs the stages in order: load → parse → classify → plan → render → write.
/// Only the first and the last touch the disk; nothing is written unless every
/// stage before succeeded, so a failed build leaves the output folder as it was.
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    /// Builds the site. `progress` hears each stage as it starts (`2/6 parse`), for a
    /// terminal that wants to show that a long build is moving.
    public func build(progress: (@Sendable (_ stage: String, _ number: Int, _ of: Int) -> Void)? = nil) throws -> BuildReport {
        var clock = StageClock(progress: progress)
        try checkFolders()
        let writer = OutputWriter(folder: options.output)
        let cacheFolder = BuildCache.folder(for: options.output)

        // load
        let (config, configText) = try loadConfig()
        let (entries, loadFindings) = FolderReader(root: options.content, extensions: ["md", "txt"]).list()
        let (theme, themeFindings) = Theme.read(from: options.templates)
        let inputs = inputsFingerprint(entries, theme: theme, configText: configText)
        try? writer.recover()
        let manifest = writer.manifestFingerprint()
        if manifest != 0, let last = BuildCache.loadHeader(from: cacheFolder), last.inputs == inputs {
            clock.lap("load")
            return BuildReport(articles: last.articleCount, written: 0, unchanged: last.fileCount, removed: 0,
                               seconds: clock.total, diagnostics: last.warnings, stages: clock.laps)
        }
        let parsing = parsingFingerprint(config)
        let loaded = BuildCache.load(from: cacheFolder).flatMap { $0.parsing == parsing ? $0 : nil }
        let cache = loaded ?? BuildCache()
        let toRead = entries.filter { cache.entries[$0.path]?.matches($0.status) != true }
        let (sources, unread) = FolderReader.read(toRead)
        clock.lap("load")

        // parse and classify what changed; the rest comes from the cache
        let reader = ArticleReader(config: config)
        let classifier = TopicClassifier(rules: config.topicRules, minHits: config.topicMinHits)
        let parsed = sources.parallelMap { file -> BuildCache.Entry? in
            guard let file else { return nil }
            var outcome = reader.read(file)
            if var article = outcome.article, article.topics.isEmpty {
                article.topics = classifier.topics(title: article.title, body: article.plainText)
                outcome.article = article
            }
            var hash = Fingerprint()
            hash.add(bytes: file.bytes)
            return BuildCache.Entry(size: 0, seconds: 0, nanoseconds: 0, hash: hash.value, article: outcome.article, diagnostics: outcome.diagnostics)
        }
        var current: [String: BuildCache.Entry] = [:]
        for (entry, fresh) in zip(toRead, parsed) {
            guard var fresh else { continue }
            (fresh.size, fresh.seconds, fresh.nanoseconds) = (entry.status.size, entry.status.seconds, entry.status.nanoseconds)
            current[entry.path] = fresh
        }
        for entry in entries where current[entry.path] == nil { current[entry.path] = cache.entries[entry.path] }
        let outcomes = entries.compactMap { current[$0.path] }
        let findings = loadFindings + unread + themeFindings + outcomes.flatMap(\.diagnostics)
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty, !options.keepGoing { throw BuildFailure(errors) }
        var warnings = config.warnings + findings.map { var d = $0; d.severity = d.severity == .error ? .warning : d.severity; return d }
        let articles = outcomes.compactMap(\.article).filter { options.includeDrafts || !$0.draft }
        clock.lap("parse")

        let site = Site(articles, config: config)
        warnings += site.diagnostics
        clock.lap("classify")

        let plan = PagePlan(site)
        if config.baseURL == nil {
            warnings.append(.warning(options.config.lastPathComponent, "no base_url: feeds, sitemap and canonical links are skipped (set base_url or pass --base-url)"))
        }
        try checkUniquePaths(plan, site: site, staticFiles: theme.staticFiles)
        clock.lap("plan")

        let templates = try TemplateLibrary.compile(theme).get()
        let renderer = PageRenderer(site: site, plan: plan, templates: templates)
        let fingerprints = PageFingerprints(site: site, views: renderer.views, siteKey: siteFingerprint(theme, configText: configText),
                                            sourceHashes: current.mapValues(\.hash))
        let previous = cache.manifest == manifest ? cache.pages : [:]
        let rendered = plan.pages.parallelMap { page -> (file: OutputFile?, fingerprint: UInt64?) in
            let fingerprint = fingerprints.fingerprint(of: page)
            if let fingerprint, previous[page.file] == fingerprint { return (nil, fingerprint) }
            return (renderer.render(page), fingerprint)
        }
        let files = rendered.compactMap(\.file) + theme.staticFiles.map { OutputFile(path: $0.path, bytes: $0.bytes) }
        let kept = zip(plan.pages, rendered).filter { $0.1.file == nil }.map(\.0.file)
        clock.lap("render")

        let report = try writer.write(files, unchanged: kept)
        var next = BuildCache(inputs: inputs, manifest: report.manifest, parsing: parsing, entries: current)
        for (page, result) in zip(plan.pages, rendered) { next.pages[page.file] = result.fingerprint }
        next.articleCount = site.articles.count
        next.fileCount = report.written + report.unchanged
        next.warnings = warnings.sorted()
        let changed = loaded.map { _ in Set(toRead.map(\.path)).union(Set(cache.entries.keys).subtracting(current.keys)) }
        try? next.save(to: cacheFolder, changed: changed)
        clock.lap("write")
        return BuildReport(articles: site.articles.count, written: report.written, unchanged: report.unchanged,
                           removed: report.removed, seconds: clock.total, diagnostics: warnings.sorted(), stages: clock.laps)
    }

    /// Everything a build reads, as stamps: equal fingerprints mean an identical result.
    private func inputsFingerprint(_ entries: [FolderReader.Entry], theme: Theme, configText: String) -> UInt64 {
        var key = Fingerprint()
        key.add(siteFingerprint(theme, configText: configText))
        for entry in entries {
            key.add(entry.path)
            key.add(entry.status.size)
            key.add(entry.status.seconds)
            key.add(entry.status.nanoseconds)
        }
        for file in theme.staticFiles {
            key.add(file.path)
            key.add(bytes: file.bytes)
        }
        key.add(options.includeDrafts ? "drafts" : "")
        key.add(options.keepGoing ? "keep-going" : "")
        return key.value
    }

    /// What every page depends on: version, config, base URL and templates.
    private func siteFingerprint(_ theme: Theme, configText: String) -> UInt64 {
        var key = Fingerprint()
        key.add(BroadsheetVersion.current)
        key.add(configText)
        key.add(options.baseURL)
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            key.add(name)
            key.add(text)
        }
        return key.value
    }

    /// The settings that shape what a file parses and classifies to.
    private func parsingFingerprint(_ config: SiteConfig) -> UInt64 {
        var key = Fingerprint()
        key.add(BroadsheetVersion.current)
        key.add(config.timeZone.identifier)
        key.add(config.topicMinHits)
        for pattern in config.wireTrailerPatterns { key.add(pattern) }
        for rule in config.topicRules {
            key.add(rule.name)
            for keyword in rule.keywords { key.add(keyword) }
        }
        return key.value
    }

    private func checkFolders() throws(UsageError) {
        for (name, folder) in [("content", options.content), ("templates", options.templates)] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                throw UsageError("the \(name) folder \(folder.path) does not exist")
            }
        }
        try OutputWriter.checkTarget(options.output, protecting: [options.content, options.templates], force: options.force)
    }

    /// The config and its text (empty when the default file is absent).
    private func loadConfig() throws -> (SiteConfig, String) {
        let name = options.config.lastPathComponent
        guard let data = FileManager.default.contents(atPath: options.config.path) else {
            if options.configRequired { throw UsageError("the config file \(options.config.path) does not exist") }
            return (applyOverrides(SiteConfig()), "")
        }
        let text = try SourceText.decode([UInt8](data), path: name).mapError { BuildFailure([$0]) }.get()
        return (applyOverrides(try SiteConfig.parse(text, path: name).get()), text)
    }

    private func applyOverrides(_ config: SiteConfig) -> SiteConfig {
        var config = config
        if let url = options.baseURL { config.baseURL = SiteConfig.normalizedBaseURL(url) }
        return config
    }

    /// Two pages (or a page and a static file) may never claim the same file.
    private func checkUniquePaths(_ plan: PagePlan, site: Site, staticFiles: [SourceFile]) throws(BuildFailure) {
        var owners: [String: String] = [:]
        var problems: [Diagnostic] = []
        for page in plan.pages {
            let owner: String
            if case .article(let index) = page.content { owner = site.articles[index].article.sourcePath } else { owner = "the \(page.file) page" }
            if let first = owners[page.file] {
                problems.append(.error(owner, "would be written to \(page.file), which \(first) already uses; change its slug or title"))
            } else {
                owners[page.file] = owner
            }
        }
        for file in staticFiles {
            if let first = owners[file.path] {
                problems.append(.error("static/\(file.path)", "would be copied to \(file.path), which \(first) already uses; rename or remove it"))
            } else {
                owners[file.path] = "static/\(file.path)"
            }
        }
        // A file where others need a folder (a static `topics` beside `topics/index.html`).
        for (path, owner) in owners.sorted(by: { $0.key < $1.key }) {
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if let fileOwner = owners[String(folder)] {
                    // reported at the static file if there is one: that is what the user can rename
                    problems.append(fileOwner.hasPrefix("static/") || !owner.hasPrefix("static/")
                        ? .error(fileOwner, "would be written to \(folder), where \(owner) needs a folder (for \(path)); rename or remove it")
                        : .error(owner, "would be written to \(path), inside \(folder), which \(fileOwner) writes as a file; rename or remove it"))
                    break
                }
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }
}

/// Times the stages of one build.
struct StageClock {
    static let stages = ["load", "parse", "classify", "plan", "render", "write"]

    private let start = Date()
    private var last = Date()
    private let progress: (@Sendable (String, Int, Int) -> Void)?
    private(set) var laps: [(name: String, seconds: Double)] = []

    init(progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        self.progress = progress
        progress?(Self.stages[0], 1, Self.stages.count)
    }

    mutating func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
        if let next = Self.stages.firstIndex(of: name).map({ $0 + 1 }), next < Self.stages.count {
            progress?(Self.stages[next], next + 1, Self.stages.count)
        }
    }

    var total: Double { Date().timeIntervalSince(start) }
}
