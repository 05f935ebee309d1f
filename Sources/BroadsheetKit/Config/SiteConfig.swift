import Foundation

/// Settings from `site.yml`; every key is optional and has a default.
public struct SiteConfig: Sendable {
    public var title = "Broadsheet"
    public var description = ""
    public var language = "en"
    /// Absolute URL the site is published at, always ending in `/`; nil means no feeds, sitemap or canonical links.
    public var baseURL: String?
    public var timeZone = TimeZone(identifier: "UTC") ?? .current
    public var perPage = 20
    public var feedItems = 50
    public var prettyURLs = false
    public var topicMinHits = 2
    /// Keyword rules for articles that name no topics, in file order.
    public var topicRules: [TopicRule] = []
    /// Regular expressions; a wire dump's trailer starts at the first line matching any.
    public var wireTrailerPatterns: [String] = SiteConfig.defaultTrailerPatterns
    /// Findings that do not stop a build, such as unknown keys.
    public var warnings: [Diagnostic] = []

    public static let defaultTrailerPatterns = [
        #"^[A-Z][A-Z0-9]+\d{8,}ID\d+\s*$"#,
        #"^Legal Disclaimer:"#,
        #"^Search\s*$"#,
    ]

    public init() {}
}

/// `Energy: [energy, oil, gas]` from the `topics` mapping of `site.yml`.
public struct TopicRule: Sendable, Hashable {
    public var name: String
    public var keywords: [String]

    public init(name: String, keywords: [String]) {
        self.name = name
        self.keywords = keywords
    }
}

extension SiteConfig {
    /// Reads `site.yml` text; `path` labels diagnostics.
    public static func parse(_ text: String, path: String) -> Result<SiteConfig, BuildFailure> {
        let mapping: YAMLMapping
        switch YAMLMapping.parse(text, path: path, lineOffset: 0) {
        case .success(let parsed): mapping = parsed
        case .failure(let diagnostic): return .failure(BuildFailure([diagnostic]))
        }
        var config = SiteConfig()
        var reader = YAMLReader(mapping)
        for entry in mapping.entries {
            switch entry.key {
            case "title": reader.string(entry).map { config.title = $0 }
            case "description": reader.string(entry).map { config.description = $0 }
            case "language": reader.string(entry).map { config.language = $0 }
            case "base_url":
                if let text = reader.string(entry) {
                    if let url = normalizedBaseURL(text) { config.baseURL = url } else {
                        reader.fail(entry, "`base_url` is \"\(text)\"; expected an absolute http or https URL like https://example.org/news/")
                    }
                }
            case "timezone":
                if let name = reader.string(entry) {
                    if let zone = TimeZone(identifier: name) { config.timeZone = zone } else {
                        reader.fail(entry, "unknown time zone \"\(name)\"; expected a name like UTC or Europe/London")
                    }
                }
            case "per_page": reader.positiveInt(entry).map { config.perPage = $0 }
            case "feed_items": reader.positiveInt(entry).map { config.feedItems = $0 }
            case "topic_min_hits": reader.positiveInt(entry).map { config.topicMinHits = $0 }
            case "pretty_urls": reader.bool(entry).map { config.prettyURLs = $0 }
            case "topics": config.topicRules = topicRules(entry, &reader)
            case "wire": config.wireTrailerPatterns = trailerPatterns(entry, &reader) ?? config.wireTrailerPatterns
            default:
                reader.diagnostics.append(.warning(path, line: entry.line, column: entry.column, "unknown key `\(entry.key)` is ignored"))
            }
        }
        if reader.diagnostics.contains(where: { $0.severity == .error }) {
            return .failure(BuildFailure(reader.diagnostics))
        }
        config.warnings = reader.diagnostics.sorted()
        return .success(config)
    }

    /// `https://host/sub` → `https://host/sub/`; nil for anything but an absolute http(s) URL.
    public static func normalizedBaseURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host?.isEmpty == false,
              url.query == nil, url.fragment == nil
        else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    private static func topicRules(_ entry: YAMLMapping.Entry, _ reader: inout YAMLReader) -> [TopicRule] {
        guard let mapping = entry.value.mapping else {
            reader.fail(entry, "`topics` is a \(entry.value.kindName); expected a mapping like `Energy: [oil, gas]`")
            return []
        }
        var rules: [TopicRule] = []
        for (key, value) in mapping {
            let line = (key.mark?.line ?? entry.line) + reader.mapping.lineOffset
            let item = YAMLMapping.Entry(key: key.scalar?.string ?? "", value: value, line: line, column: key.mark?.column ?? 1,
                                         lineOffset: reader.mapping.lineOffset)
            guard !item.key.isEmpty, Slug(from: item.key) != nil else {
                reader.fail(item, "topic name \"\(item.key)\" has no letters or digits; expected a name like Energy")
                continue
            }
            if let keywords = reader.stringList(item) {
                rules.append(TopicRule(name: item.key, keywords: keywords))
            }
        }
        return rules
    }

    private static func trailerPatterns(_ entry: YAMLMapping.Entry, _ reader: inout YAMLReader) -> [String]? {
        guard let mapping = entry.value.mapping else {
            reader.fail(entry, "`wire` is a \(entry.value.kindName); expected a mapping with a `trailer` list")
            return nil
        }
        var patterns: [String]?
        for (key, value) in mapping {
            let line = (key.mark?.line ?? entry.line) + reader.mapping.lineOffset
            let item = YAMLMapping.Entry(key: key.scalar?.string ?? "", value: value, line: line, column: key.mark?.column ?? 1,
                                         lineOffset: reader.mapping.lineOffset)
            guard item.key == "trailer" else {
                reader.diagnostics.append(.warning(reader.mapping.path, line: line, "unknown key `wire.\(item.key)` is ignored"))
                continue
            }
            guard let list = reader.stringList(item) else { continue }
            let nodes = item.value.sequence.map(Array.init) ?? [item.value]
            for (pattern, node) in zip(list, nodes) where (try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])) == nil {
                reader.fail(YAMLMapping.Entry(key: item.key, value: node, line: item.line, column: item.column, lineOffset: reader.mapping.lineOffset),
                            "the trailer pattern \"\(pattern)\" is not a valid regular expression")
            }
            patterns = list
        }
        return patterns
    }
}
