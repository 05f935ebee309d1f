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
    /// and what it was made from. With `previous`, the last build's, only the entries of
    /// articles that changed are made again, and only their words and those of articles
    /// sharing a word with them are chosen again (`WordChoice.updated`); `oldWords` gives
    /// the words an article of `previous` had, by source path (the last build's cache).
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

    /// The script, and where each article's entry is in it (`SearchIndexState.entries`). An
    /// article kept from the last script (`kept`, `old`) keeps its entry there when it chose
    /// the same words, else its head; the others have their heads in `madeHeads`. Entries
    /// that followed one another there, with what is between them unchanged, are copied
    /// as one run: after an edit, most of the script is a few copies.
    private static func script(_ site: Site, choice: WordChoice, old: SearchIndexState.Entries?, kept: [Int?],
                               madeHeads: [Int: [UInt8]]) -> (script: [UInt8], entries: [Int]) {
        var json = "window.BROADSHEET_SEARCH = {\"v\":\(version),\"suffix\":"
        json += site.config.prettyURLs ? "\"\"" : "\"index.html\""
        json += ",\"stopwords\":"
        ScriptJSON.appendList(stopwords.sorted(by: utf8Less), to: &json)
        json += ",\"topics\":"
        ScriptJSON.appendList(site.topics.map(\.topic.name), to: &json)
        json += ",\"words\":"
        ScriptJSON.appendList(choice.words, to: &json)
        json += ",\"days\":["

        var bytes = Array(json.utf8)
        bytes.reserveCapacity(bytes.count + (old?.script.count ?? 200 * site.articles.count) + 4096)
        var entries = [Int](repeating: 0, count: 3 * site.articles.count)
        // The old entries being copied as one run: where the run starts and ends there.
        var run: Range<Int>?, separator: [UInt8] = []
        func copyRun() {
            if let old, let copied = run { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old.script[copied])) }
            run = nil
        }
        choice.chosen.withLists { chosen in
            for (dayNumber, group) in site.days.enumerated() {
                for (number, index) in group.articles.enumerated() {
                    // What goes before the entry: a comma, or the end of the last day and the start of this one.
                    separator.removeAll(keepingCapacity: true)
                    if number > 0 {
                        separator.append(UInt8(ascii: ","))
                    } else {
                        if dayNumber > 0 { separator += "]],".utf8 }
                        separator += "[\"".utf8
                        separator += group.day.iso.utf8
                        separator += "\",[".utf8
                    }
                    if let before = kept[index], let old, Self.same(old.chosen[before], chosen[index]) {
                        let offsets = old.offsets(of: before)
                        if let copied = run, offsets.start - copied.upperBound == separator.count,
                           old.script[copied.upperBound..<offsets.start].elementsEqual(separator) {
                            run = copied.lowerBound..<offsets.end
                        } else {
                            copyRun()
                            bytes += separator
                            run = offsets.start..<offsets.end
                        }
                        // Where it will be once its run is copied.
                        let shift = bytes.count - (run?.lowerBound ?? 0)
                        (entries[3 * index], entries[3 * index + 1], entries[3 * index + 2]) = (offsets.start + shift, offsets.words + shift, offsets.end + shift)
                        continue
                    }
                    copyRun()
                    bytes += separator
                    entries[3 * index] = bytes.count
                    if let before = kept[index], let old {
                        let offsets = old.offsets(of: before)
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old.script[offsets.start..<offsets.words]))
                    } else {
                        bytes += madeHeads[index] ?? []
                    }
                    entries[3 * index + 1] = bytes.count
                    IndexCode.append(chosen[index], to: &bytes)
                    bytes += "\"]".utf8
                    entries[3 * index + 2] = bytes.count
                }
            }
        }
        copyRun()
        if !site.days.isEmpty { bytes += "]]".utf8 }
        bytes += "]};\n".utf8
        return (bytes, entries)
    }

    /// Whether two lists of positions are the same (the same memory, when a choice kept its lists).
    private static func same(_ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>) -> Bool {
        (a.baseAddress == b.baseAddress && a.count == b.count) || a.elementsEqual(b)
    }

    // MARK: Words

    /// Lowercase without diacritics, as `search.js` folds: lowercased, NFD, combining marks
    /// dropped, and final `ς` as `σ` (JavaScript lowercases a final capital sigma to `ς`, Swift to `σ`).
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: scalars.append(scalar == "ς" ? "σ" : scalar)
            }
        }
        return String(scalars)
    }

    /// The folded words of `text`: runs of letters and digits, as `/[\p{L}\p{N}]+/u` finds them
    /// in the folded text. Runs of plain ASCII letters and digits, most of an English text, are
    /// lowercased byte by byte; only runs with other characters go through `fold`.
    static func words(in text: String) -> [String] {
        var result: [String] = []
        forEachWordBytes(in: text, into: &result) { words, word, _ in words.append(String(decoding: word, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with `state`, the UTF-8 bytes of each word of `words(in:)`, in order,
    /// and their `ByteWordCounts.hash`, made as the bytes are lowercased; the buffer is only
    /// valid during the call. The state is passed in, not captured: a captured variable is
    /// reached through a box, and each use of it then costs a retain and a release.
    static func forEachWordBytes<State>(in text: String, into state: inout State,
                                        _ body: (inout State, UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        // Lowercased ASCII words are written here; no word is longer than the text.
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, text.utf8.count))
        defer { scratch.deallocate() }
        foldedBytes.withUnsafeBufferPointer { folded in
            text.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    // A run of ASCII letters and digits, lowercased into `scratch` as it is hashed.
                    let start = index
                    var hash = ByteWordCounts.emptyHash
                    var lower = folded[Int(bytes[index])]
                    while lower > nonASCII {
                        scratch[index - start] = lower
                        hash = ByteWordCounts.hash(hash, adding: lower)
                        index += 1
                        if index == bytes.count { break }
                        lower = folded[Int(bytes[index])]
                    }
                    var separator = 1
                    if index < bytes.count, lower == nonASCII {
                        separator = separatorLength(bytes, at: index)
                        if separator == 0 {
                            // The run has other characters: all of it goes through `fold`.
                            while index < bytes.count, folded[Int(bytes[index])] != 0, separatorLength(bytes, at: index) == 0 { index += 1 }
                            for var word in foldedWords(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) {
                                word.withUTF8 { body(&state, $0, ByteWordCounts.hash($0)) }
                            }
                            continue
                        }
                    }
                    if index > start { body(&state, UnsafeBufferPointer(start: scratch, count: index - start), hash) }
                    index += separator
                }
            }
        }
    }

    /// In `foldedBytes`: a byte that is not ASCII.
    private static let nonASCII: UInt8 = 1

    /// Each byte's part in a word, one table lookup a byte: an ASCII letter or digit maps to
    /// itself lowercased, a byte that is not ASCII to `nonASCII`, any other to 0.
    private static let foldedBytes: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x30...0x39, 0x61...0x7A: UInt8(byte)
        case 0x41...0x5A: UInt8(byte | 0x20)
        case 0x80...: nonASCII
        default: 0
        }
    }

    /// The length of the UTF-8 sequence at `index` when it is a character that never belongs
    /// to a word and is common in English text (U+2000–U+206F: typographic quotes, dashes,
    /// spaces, the ellipsis; U+00A0, `«`, `»`), else 0. Such characters end a run as ASCII
    /// punctuation does, so `don’t` and `“quoted”` stay on the ASCII path instead of `fold`.
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = bytes.count - index
        if count >= 3, bytes[index] == 0xE2, bytes[index + 1] == 0x80 || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0) {
            return 3
        }
        if count >= 2, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 || bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB {
            return 2
        }
        return 0
    }

    /// `words(in:)` for any text, scalar by scalar.
    static func foldedWords(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    static func isIndexable(_ word: String) -> Bool {
        guard word.utf8.count >= minWordLength, !stopwords.contains(word) else { return false }
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return !word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return word.unicodeScalars.count >= minWordLength && !word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    /// `isIndexable` for a word's UTF-8 bytes and their `ByteWordCounts.hash`: a plain ASCII
    /// word is judged on its bytes, and only other words (and likely stopwords) become strings.
    static func isIndexable(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        guard word.allSatisfy({ $0 < 0x80 }) else { return isIndexable(String(decoding: word, as: UTF8.self)) }
        guard word.count >= minWordLength, !word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return !stopwordHashes.mayContain(hash) || !stopwords.contains(String(decoding: word, as: UTF8.self))
    }

    private static let stopwordHashes = HashFilter(stopwords.map { word in
        var word = word
        return word.withUTF8(ByteWordCounts.hash)
    }, bitCount: 4096)

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// The summary cut near `summaryLimit` characters at a word boundary, with `…` when cut.
    static func shortened(_ summary: String) -> String {
        // Characters are counted only up to the limit, not through the whole summary.
        guard summary.utf8.count > summaryLimit,
              let end = summary.index(summary.startIndex, offsetBy: summaryLimit, limitedBy: summary.endIndex),
              end < summary.endIndex else { return summary }
        let head = summary[..<end]
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        // Foundation's trimming is slow; most cuts start and end with a letter or digit, which it keeps.
        func isKept(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        if isKept(cut.unicodeScalars.first), isKept(cut.unicodeScalars.last) { return cut + "…" }
        return cut.trimmingCharacters(in: cutEdges) + "…"
    }

    /// What `shortened` trims from both ends of its cut, made once.
    private static let cutEdges = CharacterSet.whitespaces.union(.punctuationCharacters)

    /// The slug `search.js` derives from a title, or nil when the title is not plain ASCII
    /// (the build's slugs transliterate, which the browser cannot repeat).
    static func derivedSlug(_ title: String) -> String? {
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var slug = ""
        var pendingDash = false
        for byte in title.lowercased().utf8 {
            if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(byte))
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        guard slug.utf8.count > Slug.maxLength else { return slug }
        let head = slug.prefix(Slug.maxLength)
        if let cut = head.lastIndex(of: "-"), cut > head.startIndex { return String(head[..<cut]) }
        return String(head)
    }

    // MARK: JSON

    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

/// Sorted lists of small numbers as short ASCII strings: each number is written as the
/// gap to the one before (the first as itself), in base 32, most significant digit
/// first; digits `0`–`9`,`A`–`V` continue a number, `W`–`Z`,`a`–`z`,`-`,`_` end one.
/// Gaps below 32 take one character, below 1,024 two, below 32,768 three.
enum IndexCode {
    static let more = Array("0123456789ABCDEFGHIJKLMNOPQRSTUV".utf8)
    static let last = Array("WXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    static func encode(_ sorted: [Int]) -> String {
        var bytes: [UInt8] = []
        append(sorted, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `encode(sorted)`'s ASCII bytes, appended to `bytes`.
    static func append<Numbers: Collection>(_ sorted: Numbers, to bytes: inout [UInt8]) where Numbers.Element: BinaryInteger {
        var previous = 0
        for (position, number) in sorted.enumerated() {
            let value = Int(number)
            let gap = position == 0 ? value : value - previous
            previous = value
            var shift = 0
            while gap >> (shift + 5) > 0 { shift += 5 }
            while shift > 0 {
                bytes.append(more[(gap >> shift) & 31])
                shift -= 5
            }
            bytes.append(last[gap & 31])
        }
    }

    static func decode(_ text: String) -> [Int] {
        var values: [Int] = []
        var number = 0
        var previous = 0
        for byte in text.utf8 {
            if let digit = more.firstIndex(of: byte) {
                number = number << 5 | digit
            } else if let digit = last.firstIndex(of: byte) {
                number = number << 5 | digit
                previous = values.isEmpty ? number : previous + number
                values.append(previous)
                number = 0
            }
        }
        return values
    }
}
