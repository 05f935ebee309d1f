import Foundation

/// An article with everything its place in the site decides: final slug, day, topics, folder.
public struct PlacedArticle: Sendable {
    public var article: Article
    public var slug: Slug
    public var day: Day
    public var topics: [Topic]
    /// Folder of its page, relative to the site root: `2024/01/02/night-trains/`.
    public var path: String

    /// The folder of the page of an article of `day` with `slug`.
    static func folder(_ day: Day, _ slug: Slug) -> String {
        day.dayPath + slug.value + "/"
    }
}

/// The digest as a whole: articles newest first, topics, and the calendar, all in
/// the site's time zone. Built from parsed and classified articles (topics from
/// front matter or from `TopicClassifier` in the parse stage); no files are touched.
public struct Site: Sendable {
    public let config: SiteConfig
    /// Newest first; articles of the same moment by slug, then by source path.
    public let articles: [PlacedArticle]
    /// Topics by slug order, each with its article indices (newest first).
    public let topics: [(topic: Topic, articles: [Int])]
    /// Days, months and years that have articles, newest first, with article indices.
    public let days: [(day: Day, articles: [Int])]
    public let months: [(day: Day, articles: [Int])]
    public let years: [(day: Day, articles: [Int])]
    /// Findings of this stage: merged topic names.
    public let diagnostics: [Diagnostic]

    public init(_ input: [Article], config: SiteConfig) {
        self.config = config
        let (topicsBySlug, topicsByName, mergeNotes) = TopicMerger.merge(input)
        diagnostics = mergeNotes

        let zone = config.timeZone
        // By index, read in place: an element handed to the closure would be one more copy
        // of the whole article (retaining each of its fields) besides the one placed.
        var placed = Array(input.indices).parallelMap { index in
            input.withElement(at: index) { article in
                let day = Day(article.pointee.date, in: zone)
                return PlacedArticle(article: article.pointee, slug: article.pointee.slug, day: day,
                                     topics: TopicMerger.unique(article.pointee.topics.compactMap { topicsByName[$0] }),
                                     path: PlacedArticle.folder(day, article.pointee.slug))
            }
        }
        SlugDeduplicator.apply(to: &placed)   // (which moves the few articles it renames)
        // Sorted as indices, by date from a list of dates; only articles of the same moment
        // compare their slugs and paths. Reading a text for every comparison would retain
        // and release it, and copying whole articles into comparisons costs more still.
        let dates = placed.map(\.article.date)
        let order = placed.indices.sorted { a, b in
            if dates[a] != dates[b] { return dates[a] > dates[b] }
            if placed[a].slug != placed[b].slug { return placed[a].slug < placed[b].slug }
            return placed[a].article.sourcePath < placed[b].article.sourcePath
        }
        placed.permute(by: order)
        articles = placed

        var byTopic: [Slug: [Int]] = [:]
        for index in articles.indices {   // by index: a copy of each article would retain all its fields
            for topic in articles[index].topics { byTopic[topic.slug, default: []].append(index) }
        }
        topics = byTopic.compactMap { slug, indices in topicsBySlug[slug].map { ($0, indices) } }
            .sorted { $0.topic.slug < $1.topic.slug }
        let dayKeys = placed.indices.map { placed[$0].day }
        days = Self.groups(dayKeys)
        months = Self.groups(dayKeys.map(\.monthKey))
        years = Self.groups(dayKeys.map(\.yearKey))
    }

    /// The indices of `keys` grouped by day, newest day first. The articles are in date
    /// order, so a day's articles are neighbours, grouped without hashing; should a time
    /// zone's clock ever put a later article on an earlier day, a dictionary groups them.
    static func groups(_ keys: [Day]) -> [(day: Day, articles: [Int])] {
        var runs: [(day: Day, articles: [Int])] = []
        for (index, key) in keys.enumerated() {
            if let last = runs.last?.day {
                if key == last {
                    runs[runs.count - 1].articles.append(index)
                    continue
                }
                if key > last {
                    return Dictionary(grouping: keys.indices) { keys[$0] }.map { ($0, $1) }.sorted { $0.day > $1.day }
                }
            }
            runs.append((key, [index]))
        }
        return runs
    }
}
