/// Topic names that give the same slug (`Economy`, `economy`, `ECONOMY`) are one
/// topic, shown under the name that sorts first; each merge is reported once.
enum TopicMerger {
    /// The topics by slug, the topic of each name used (a few dozen names, used by
    /// thousands of articles: each name's slug is made once), and a note per merge.
    static func merge(_ uses: [(path: String, names: [String])]) -> (bySlug: [Slug: Topic], byName: [String: Topic], notes: [Diagnostic]) {
        var spellings: [Slug: [String: String]] = [:]  // slug → name → first file using it
        var slugs: [String: Slug?] = [:]  // name → its slug, nil when it has none
        for (path, names) in uses {
            for name in names {
                if slugs.index(forKey: name) == nil { slugs.updateValue(Slug(from: name), forKey: name) }
                guard let slug = slugs[name] ?? nil else { continue }
                if spellings[slug, default: [:]][name] == nil { spellings[slug, default: [:]][name] = path }
            }
        }
        var topics: [Slug: Topic] = [:]
        var notes: [Diagnostic] = []
        for (slug, names) in spellings {
            let sorted = names.keys.sorted()
            guard let chosen = sorted.first else { continue }
            topics[slug] = Topic(name: chosen, slug: slug)
            for other in sorted.dropFirst() {
                notes.append(.warning(names[other] ?? "", "the topic \"\(other)\" is merged into \"\(chosen)\" (both have the slug `\(slug)`)"))
            }
        }
        return (topics, slugs.compactMapValues { $0.flatMap { topics[$0] } }, notes)
    }

    /// Drops repeats while keeping the first-seen order.
    static func unique(_ topics: [Topic]) -> [Topic] {
        var seen: Set<Slug> = []
        return topics.filter { seen.insert($0.slug).inserted }
    }
}
