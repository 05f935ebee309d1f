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

    public func build() throws -> BuildReport {
        var clock = StageClock()
        try checkFolders()
        var warnings: [Diagnostic] = []

        let config = try loadConfig()
        warnings += config.warnings
        let (sources, loadFindings) = FolderReader(root: options.content, extensions: ["md", "txt"]).read()
        let (theme, themeFindings) = Theme.read(from: options.templates)
        clock.lap("load")

        let reader = ArticleReader(config: config)
        let outcomes = sources.parallelMap(reader.read)
        let findings = loadFindings + themeFindings + outcomes.flatMap(\.diagnostics)
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty, !options.keepGoing { throw BuildFailure(errors) }
        warnings += findings.map { var d = $0; d.severity = d.severity == .error ? .warning : d.severity; return d }
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
        var files = plan.pages.parallelMap(renderer.render)
        files += theme.staticFiles.map { OutputFile(path: $0.path, bytes: $0.bytes) }
        clock.lap("render")

        let report = try OutputWriter(folder: options.output).write(files)
        clock.lap("write")
        return BuildReport(articles: site.articles.count, written: report.written, unchanged: report.unchanged,
                           removed: report.removed, seconds: clock.total, diagnostics: warnings.sorted(), stages: clock.laps)
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

    private func loadConfig() throws -> SiteConfig {
        let name = options.config.lastPathComponent
        guard let data = FileManager.default.contents(atPath: options.config.path) else {
            if options.configRequired { throw UsageError("the config file \(options.config.path) does not exist") }
            return applyOverrides(SiteConfig())
        }
        let text = try SourceText.decode([UInt8](data), path: name).mapError { BuildFailure([$0]) }.get()
        return applyOverrides(try SiteConfig.parse(text, path: name).get())
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
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }
}

/// Times the stages of one build.
struct StageClock {
    private let start = Date()
    private var last = Date()
    private(set) var laps: [(name: String, seconds: Double)] = []

    mutating func lap(_ name: String) {
        let now = Date()
        laps.append((name, now.timeIntervalSince(last)))
        last = now
    }

    var total: Double { Date().timeIntervalSince(start) }
}
