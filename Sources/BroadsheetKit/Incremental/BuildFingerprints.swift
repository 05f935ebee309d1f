/// The fingerprints that decide how much of the last build can be reused.
enum BuildFingerprints {
    /// Everything a build reads, as stamps: equal fingerprints mean an identical result.
    static func inputs(_ entries: [FolderReader.Entry], theme: Theme, configText: String, options: BuildOptions) -> UInt64 {
        var key = Fingerprint()
        key.add(site(theme, configText: configText, options: options))
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

    /// What every page depends on: config, base URL and templates. (The program itself is
    /// the stamp of the whole cache, `BroadsheetVersion.build`: another program finds none.)
    static func site(_ theme: Theme, configText: String, options: BuildOptions) -> UInt64 {
        var key = Fingerprint()
        key.add(configText)
        key.add(options.baseURL)
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            key.add(name)
            key.add(text)
        }
        return key.value
    }

    /// The settings that shape what a file parses and classifies to.
    static func parsing(_ config: SiteConfig) -> UInt64 {
        var key = Fingerprint()
        key.add(config.timeZone.identifier)
        key.add(config.topicMinHits)
        for pattern in config.wireTrailerPatterns { key.add(pattern) }
        for rule in config.topicRules {
            key.add(rule.name)
            for keyword in rule.keywords { key.add(keyword) }
        }
        return key.value
    }
}
