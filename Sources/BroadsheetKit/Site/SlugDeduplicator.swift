/// Two articles with the same slug on the same day: the earlier (by time, then
/// source path) keeps it, the others get `-2`, `-3`, … skipping slugs already taken,
/// and the folder that goes with it.
enum SlugDeduplicator {
    static func apply(to articles: inout [PlacedArticle]) {
        var groups: [Day: [Int]] = [:]
        for index in articles.indices { groups[articles[index].day, default: []].append(index) }
        for (_, indices) in groups where indices.count > 1 && hasRepeat(indices, in: articles) {
            // Compared field by field: binding whole articles would copy them.
            let ordered = indices.sorted { a, b in
                articles[a].article.date != articles[b].article.date ? articles[a].article.date < articles[b].article.date
                    : articles[a].article.sourcePath < articles[b].article.sourcePath
            }
            var taken: Set<Slug> = []
            var wanted: [Slug: Int] = [:]
            for index in ordered { wanted[articles[index].slug, default: 0] += 1 }
            for index in ordered where wanted[articles[index].slug] == 1 {
                taken.insert(articles[index].slug)
            }
            for index in ordered where wanted[articles[index].slug, default: 0] > 1 {
                let base = articles[index].slug
                var candidate = base
                var n = 1
                while taken.contains(candidate) {
                    n += 1
                    candidate = base.numbered(n)
                }
                taken.insert(candidate)
                articles[index].slug = candidate
                articles[index].path = PlacedArticle.folder(articles[index].day, candidate)
            }
        }
    }

    /// Whether two of a day's articles want the same slug (most days: none, and nothing to
    /// sort). A day of a few articles compares them in pairs; a larger one uses a set.
    private static func hasRepeat(_ indices: [Int], in articles: [PlacedArticle]) -> Bool {
        if indices.count > 16 {
            var seen = Set<Slug>(minimumCapacity: indices.count)
            return indices.contains { !seen.insert(articles[$0].slug).inserted }
        }
        for (position, a) in indices.enumerated() {
            for b in indices[(position + 1)...] where articles[a].slug == articles[b].slug { return true }
        }
        return false
    }
}
