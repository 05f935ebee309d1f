/// Topic names that give the same slug (`Economy`, `economy`, `ECONOMY`) are one
/// topic, shown under the name that sorts first; each merge is reported once.
enum TopicMerger {
    static func merge(_ uses: [(path: String, names: [String])]) -> ([Slug: Topic], [Diagnostic]) {
        var spellings: [Slug: [String: String]] = [:]  // slug → name → first file using it
        for (path, names) in uses {
            for name in names {
                guard let slug = Slug(from: name) else { continue }
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
        return (topics, notes)
    }

    /// Drops repeats while keeping the first-seen order.
    static func unique(_ topics: [Topic]) -> [Topic] {
        var seen: Set<Slug> = []
        return topics.filter { seen.insert($0.slug).inserted }
    }
}
