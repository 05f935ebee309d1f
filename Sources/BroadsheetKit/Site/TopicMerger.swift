/// Topic names that give the same slug (`Economy`, `economy`, `ECONOMY`) are one
/// topic, shown under the name that sorts first; each merge is reported once.
enum TopicMerger {
    /// The topics by slug, the topic of each name used (a few dozen names, used by
    /// thousands of articles: each name's slug is made once), and a note per merge.
    static func merge(_ articles: [Article]) -> (bySlug: [Slug: Topic], byName: [String: Topic], notes: [Diagnostic]) {
        var spellings: [Slug: [String: String]] = [:]  // slug → name → first file using it
        var slugs: [String: Slug?] = [:]  // name → its slug, nil when it has none
        for index in articles.indices {   // fields read in place: a copy of each article would retain them all
            for name in articles[index].topics where slugs.index(forKey: name) == nil {   // a name's first use is the one to note
                let slug = Slug(from: name)
                slugs.updateValue(slug, forKey: name)
                if let slug { spellings[slug, default: [:]][name] = articles[index].sourcePath }
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

    /// Drops repeats while keeping the first-seen order. An article names a few topics, so
    /// the kept ones are scanned; a set per article would cost more than it saves.
    static func unique(_ topics: [Topic]) -> [Topic] {
        var kept: [Topic] = []
        kept.reserveCapacity(topics.count)
        for topic in topics where !kept.contains(where: { $0.slug == topic.slug }) { kept.append(topic) }
        return kept
    }
}
