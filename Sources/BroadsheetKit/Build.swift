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
/// Only the first and the last touch the disk, and a first build's render stage, which writes
/// each page as it renders into a new tree beside the output (`StagingTree`). The output
/// folder itself changes only when every stage before succeeded, so a failed build leaves
/// it as it was.
public struct Builder: Sendable {
    public let options: BuildOptions

    public init(_ options: BuildOptions) {
        self.options = options
    }

    /// Builds the site. `progress` hears each stage as it starts (`2/6 parse`), for a
    /// terminal that wants to show that a long build is moving.
    @discardableResult
    public func build(progress: (@Sendable (_ stage: String, _ number: Int, _ of: Int) -> Void)? = nil) throws -> BuildReport {
        let (report, values) = try run(progress: progress)
        Teardown.inBackground(consume values)
        return report
    }

    /// The build, and the large values it made (articles, cache entries, views), which the
    /// caller frees.
    private func run(progress: (@Sendable (_ stage: String, _ number: Int, _ of: Int) -> Void)?) throws -> (BuildReport, [Any]) {
        var clock = StageClock(progress: progress)
        try checkFolders()
        let writer = OutputWriter(folder: options.output)
        let cacheFolder = BuildCache.folder(for: options.output)

        // load
        let (config, configText) = try loadConfig()
        let (entries, loadFindings) = FolderReader(root: options.content, extensions: ["md", "txt"]).list()
        let (theme, themeFindings) = Theme.read(from: options.templates)
        let inputs = BuildFingerprints.inputs(entries, theme: theme, configText: configText, options: options)
        try? writer.recover()
        let manifest = writer.manifestFingerprint()
        if manifest != 0, let last = BuildCache.loadHeader(from: cacheFolder), last.inputs == inputs {
            clock.lap("load")
            return (BuildReport(articles: last.articleCount, written: 0, unchanged: last.fileCount, removed: 0,
                                seconds: clock.total, diagnostics: last.warnings, stages: clock.laps), [])
        }
        // Compiled while the sources are loaded, parsed and placed.
        let compiling = Background { TemplateLibrary.compile(theme) }
        let parsing = BuildFingerprints.parsing(config)
        let loaded = BuildCache.load(from: cacheFolder).flatMap { $0.parsing == parsing ? $0 : nil }
        let cache = loaded ?? BuildCache()
        let parse = IncrementalParse(entries, cache: cache)
        clock.lap("load")

        let parsed = parse.run(config: config)
        let (current, listed) = (parsed.entries, parsed.listed)
        let findings = loadFindings + parsed.unreadable + themeFindings + listed.flatMap { $0?.diagnostics ?? [] }
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty, !options.keepGoing { throw BuildFailure(errors) }
        var warnings = config.warnings + findings.map { var d = $0; d.severity = d.severity == .error ? .warning : d.severity; return d }
        // The cache's entries are written while the site is rendered; the header at the end.
        // A build that stops early still waits for them, so no later build (`serve` runs
        // several in one process) writes the same cache files at the same time.
        let sourcesSaved = Background { [isIncremental = loaded != nil] in
            let changed = isIncremental ? parse.changedPaths(comparedTo: current) : nil
            return (try? BuildCache.saveSources(current, to: cacheFolder, changed: changed)) != nil
        }
        defer { _ = sourcesSaved.value }
        var articles: [Article] = []
        articles.reserveCapacity(entries.count)
        for entry in listed {
            if let article = entry?.article, options.includeDrafts || !article.draft { articles.append(article) }
        }
        clock.lap("parse")

        let site = Site(articles, config: config)
        warnings += site.diagnostics
        clock.lap("classify")

        let viewing = Background { ViewBuilder(site: site) }   // (while the pages are planned)
        let plan = PagePlan(site)
        if config.baseURL == nil {
            warnings.append(.warning(options.config.lastPathComponent, "no base_url: feeds, sitemap and canonical links are skipped (set base_url or pass --base-url)"))
        }
        let pageFiles = plan.pages.map(\.file)
        let layout = PageKeys.layout(of: pageFiles, staticFiles: theme.staticFiles.map(\.path))
        // The same files as the last (successful) build's claimed no path twice.
        if layout != cache.pages.layout { try PathClaims.check(plan, site: site, staticFiles: theme.staticFiles) }
        clock.lap("plan")

        let templates = try compiling.value.get()
        let views = viewing.value
        let fingerprints = PageFingerprints(site: site, plan: plan, views: views, siteKey: BuildFingerprints.site(theme, configText: configText, options: options))
        let previous = cache.manifest == manifest ? cache.pages : PageKeys.none
        let keys = Array(plan.pages.indices).parallelMap { fingerprints.fingerprint(of: plan.pages[$0]) }
        let stale = previous.stale(keys, files: pageFiles, layout: layout)
        // The search index is made on another thread while the pages render, and only when its
        // page is rendered: not inside the page loop, where its own parallel loops would run on
        // one core. It is updated from the last build's when that build's cache is there.
        let searchIndex = zip(plan.pages, stale).contains { $1 && $0.file == SearchIndex.file }
            ? Background { [lastSources = loaded?.entries, keys = fingerprints.searchKeys] in
                SearchIndexState.make(site, entryKeys: keys, cache: cacheFolder, lastSources: lastSources)
            } : nil
        let searchScript: (@Sendable () -> [UInt8])? = searchIndex.map { made in { @Sendable in made.value.script } }
        let renderer = PageRenderer(site: site, plan: plan, templates: templates, views: views, searchIndex: searchScript)
        let tree = writer.isFirstBuild && !stale.contains(false) ? try writer.freshTree(for: pageFiles) : nil
        let rendered: [OutputFile?]
        if let tree {
            let failures = plan.pages.parallelMap { tree.write(renderer.render($0)) }.compactMap { $0 }
            guard failures.isEmpty else {
                writer.discardFreshTree()
                throw BuildFailure(failures.map { .error(options.output.path, $0) })
            }
            rendered = []
        } else {
            rendered = Array(plan.pages.indices).parallelMap { stale[$0] ? renderer.render(plan.pages[$0]) : nil }
        }
        let files = rendered.compactMap { $0 } + theme.staticFiles.map { OutputFile(path: $0.path, bytes: $0.bytes) }
        let kept = tree == nil ? zip(pageFiles, stale).compactMap { $1 ? nil : $0 } : []
        clock.lap("render")
        // Its state is saved while the pages are written (and before the header that names it valid).
        let searchSaved = searchIndex.map { made in Background { try? made.value.state.save(to: cacheFolder) } }
        defer { _ = searchSaved?.value }

        // `previous` is the last build's only when the manifest there is that build's.
        let report = try writer.write(files, unchanged: kept, sameFiles: previous.layout == layout,
                                      into: tree, written: tree == nil ? [] : pageFiles)
        var next = BuildCache(inputs: inputs, manifest: report.manifest, parsing: parsing, entries: current)
        next.pages = previous.followed(by: keys, files: pageFiles, layout: layout)
        next.articleCount = site.articles.count
        next.fileCount = report.written + report.unchanged
        next.warnings = warnings.sorted()
        _ = searchSaved?.value
        if sourcesSaved.value { try? next.saveHeader(to: cacheFolder) }
        clock.lap("write")
        return (BuildReport(articles: site.articles.count, written: report.written, unchanged: report.unchanged,
                            removed: report.removed, seconds: clock.total, diagnostics: warnings.sorted(), stages: clock.laps),
                [cache, current, parse, articles, site, plan, views, fingerprints, keys, renderer, rendered, files, next])
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
}
