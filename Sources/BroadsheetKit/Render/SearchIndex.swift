import Foundation

/// `search-index.js`: everything the theme's `search.js` needs to search the site
/// in the browser, as one script that sets `window.BROADSHEET_SEARCH`. It is loaded
/// with `<script src>`, not `fetch`, so search works from `file://` and under any subpath.
///
/// Layout (JSON, every list in a fixed order, so equal sites give equal bytes):
///
///     {"v":1, "suffix":"index.html",            // appended to article folders ("" with pretty_urls)
///      "stopwords":[…],                         // words the index leaves out, for the query side
///      "topics":["Culture","Energy",…],         // topic names by slug order
///      "words":["abbey","accord",…],            // every indexed body word, sorted by UTF-8 bytes
///      "days":[["2026-11-25",[ARTICLE,…]],…]}   // days newest first, their articles newest first
///
///     ARTICLE = [title, summary, slug, topics, words]
///
/// - `slug` is `""` when it is what `search.js` makes from an ASCII title itself
///   (lowercase, runs of other characters → `-`, at most 80 characters at a `-`); the
///   article's page is `YYYY/MM/DD/<slug>/` + `suffix`, relative to the site root.
/// - `summary` is cut near `summaryLimit` characters at a word boundary.
/// - `topics` and `words` are sorted indices into `topics` and `words`, written as
///   gaps between neighbours in `IndexCode` (one to three characters each).
/// - `words` holds an article's body words, or on large sites its most distinctive ones
///   (by tf·idf, at most `wordLimit(articles:)`): folded (lowercase, no diacritics), at
///   least `minWordLength` characters, no stopwords or bare numbers, and none already in
///   the title, the indexed summary or a topic name, which `search.js` matches as text.
///
/// The word table is shared, so it grows with the vocabulary, not the article count;
/// each article costs its title, its short summary and a few bytes per word.
enum SearchIndex {
    /// Where the index is written, relative to the site root.
    static let file = "search-index.js"
    static let version = 1
    static let minWordLength = 3
    static let summaryLimit = 90
    /// Body words per article: all of them up to `maxWords`, but on large sites at most
    /// `wordBudget / articles` (never below `minWords`), so the word part of the index
    /// stays about the same size however many articles there are.
    static let maxWords = 400
    static let minWords = 24
    static let wordBudget = 300_000

    static func wordLimit(articles: Int) -> Int {
        max(minWords, min(maxWords, wordBudget / max(1, articles)))
    }

    /// Common English words that carry no meaning for search.
    static let stopwords: Set<String> = [
        "about", "above", "after", "again", "against", "all", "also", "and", "any", "are", "around", "because",
        "been", "before", "being", "below", "between", "both", "but", "can", "could", "did", "does", "doing",
        "down", "during", "each", "even", "few", "for", "from", "further", "had", "has", "have", "having",
        "her", "here", "hers", "herself", "him", "himself", "his", "how", "into", "its", "itself", "just",
        "last", "many", "more", "most", "much", "must", "new", "not", "now", "off", "once", "one", "only",
        "other", "our", "ours", "ourselves", "out", "over", "own", "said", "same", "says", "she", "should",
        "since", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "too", "two", "under", "until", "very",
        "was", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
        "would", "year", "years", "yet", "you", "your", "yours", "yourself", "yourselves",
    ]

    /// The script for `site` (`pretty_urls` decides whether article links end in `index.html`),
    /// and what it was made from. With `previous`, the last build's state, only the entries
    /// of articles that changed are made again, and only their words and those of articles
    /// with a word whose weight moved are chosen again (`WordChoice.updated`); `oldWords`
    /// gives the words an article of `previous` had, by source path (the last build's cache).
    /// `entryKeys` are every article's `entryKey(of:in:)`, when the caller has made them.
    static func render(_ site: Site, entryKeys: [UInt64]? = nil, previous: SearchIndexState? = nil,
                       oldWords: (String) -> SearchWords? = { _ in nil }) -> (script: [UInt8], state: SearchIndexState) {
        // (By index: an element handed to a closure would be a copy of the whole article.)
        let words = site.articles.indices.map { site.articles[$0].article.searchWords ?? SearchWords(countingWordsIn: site.articles[$0].article.plainText) }
        let keys = entryKeys ?? site.articles.indices.map { entryKey(of: $0, in: site) }
        let context = context(of: site), limit = wordLimit(articles: site.articles.count)

        // An update where the last index had the same context and the old words of each
        // article that changed or went are still known; else a clean choice.
        var update: (kept: [Int?], gone: [(article: Int, words: SearchWords)])?
        var samePaths = false
        if let previous, previous.context == context {
            let kept: [Int?]
            (kept, samePaths) = previous.kept(keys: keys) { site.articles[$0].article.sourcePath }
            var isKept = [Bool](repeating: false, count: previous.paths.count)
            for old in kept { if let old { isKept[old] = true } }
            let gone = (0..<previous.paths.count).filter { !isKept[$0] }.map { old in
                (old, oldWords(previous.path(old)).flatMap { $0.key == previous.wordsKeys[old] ? $0 : nil })
            }
            if gone.allSatisfy({ $0.1 != nil }) { update = (kept, gone.compactMap { old, words in words.map { (old, $0) } }) }
        }
        let kept = update?.kept ?? Array(repeating: nil, count: site.articles.count)

        // The articles not kept: their entries up to their words, and the words they show as text.
        let fresh = site.articles.indices.filter { kept[$0] == nil }
        let made = fresh.count < 64 ? fresh.map { head(of: $0, in: site) } : fresh.parallelMap { head(of: $0, in: site) }

        let choice: WordChoice
        if let update, let previous {
            choice = previous.choice.updated(kept: update.kept, words: words, hidden: Dictionary(uniqueKeysWithValues: zip(fresh, made.map(\.hidden))),
                                             gone: update.gone, limit: limit)
        } else {
            choice = WordChoice(words: words, hidden: made.map(\.hidden), limit: limit)
        }
        var madeHeads: [Int: [UInt8]] = [:]
        for (index, entry) in zip(fresh, made) { madeHeads[index] = entry.head }
        let (script, entries) = SearchIndexState.withEntries(of: previous) { old in
            Self.script(site, choice: choice, old: old, kept: kept, madeHeads: madeHeads)
        }
        var paths = PackedLists<UInt8>.Builder(lists: site.articles.count, elements: 0)
        if !samePaths { for index in site.articles.indices { paths.append(site.articles[index].article.sourcePath.utf8) } }
        let state = SearchIndexState(context: context, paths: samePaths ? previous?.paths ?? paths.lists : paths.lists,
                                     keys: .owned(keys), wordsKeys: .owned(words.map(\.key)),
                                     script: .owned(script), entries: .owned(entries), choice: choice)
        return (script, state)
    }
    /// What every entry depends on besides its article: the article count (which sets the
    /// word limit and every word's weight) and the topics, in order.
    private static func context(of site: Site) -> UInt64 {
        var key = Fingerprint()
        key.add(site.articles.count)
        for group in site.topics {
            key.add(group.topic.name)
            key.add(group.topic.slug.value)
        }
        return key.value
    }

    /// What article `index`'s entry is made from: its title, summary, slug, topics and words;
    /// and its source path, which the next build finds it by. (`PageFingerprints` makes these
    /// keys for a build, where the index's page key needs them too.)
    static func entryKey(of index: Int, in site: Site) -> UInt64 {
        var key = Fingerprint()
        key.add(site.articles[index].article.sourcePath)
        key.add(site.articles[index].article.title)   // (read in place: a copy of the article would retain all its fields)
        key.add(site.articles[index].article.summary)
        key.add(site.articles[index].slug.value)
        key.add(site.articles[index].article.searchWords?.key ?? Fingerprint.of(site.articles[index].article.plainText))
        for topic in site.articles[index].topics { key.add(topic.slug.value) }
        return key.value
    }

    /// Article `index`'s entry up to its words (`[title,summary,slug,"topics","`), and the
    /// words it shows as text: those of its title, its indexed summary and its topics.
    private static func head(of index: Int, in site: Site) -> (head: [UInt8], hidden: [String]) {
        let placed = site.articles[index]
        let summary = shortened(placed.article.summary)
        var head = "["
        ScriptJSON.appendString(placed.article.title, to: &head)
        head += ","
        ScriptJSON.appendString(summary, to: &head)
        head += ","
        ScriptJSON.appendString(placed.slug.value == derivedSlug(placed.article.title) ? "" : placed.slug.value, to: &head)
        head += ",\""
        head += IndexCode.encode(placed.topics.compactMap { topic in site.topics.firstIndex { $0.topic.slug == topic.slug } }.sorted())
        head += "\",\""
        var hidden = words(in: placed.article.title) + words(in: summary)
        for topic in placed.topics { hidden += words(in: topic.name) }
        return (Array(head.utf8), hidden)
    }

    // MARK: JSON

    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
