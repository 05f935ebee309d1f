import Foundation

/// One article after parsing, whichever format it came from.
public struct Article: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case markdown, wire
    }

    /// Path relative to the content folder, with `/` separators.
    public var sourcePath: String
    public var format: Format
    public var title: String
    public var date: Date
    /// Topic names as written in front matter, or assigned by the classifier.
    public var topics: [String]
    public var summary: String
    public var author: String?
    /// Who supplied the story: front matter `source`, or a wire dump's `(AGENCY)` tag.
    public var source: String?
    /// A wire dump's ID line, e.g. `NORDWIRE14102026000012345678ID1234567890`.
    public var sourceID: String?
    /// Safe `http`/`https`/`mailto` link for the source, if front matter gave one.
    public var sourceURL: String?
    /// The slug before de-duplication; the page plan adds `-2`, `-3` for same-day twins.
    public var slug: Slug
    public var draft: Bool
    /// Front matter keys Broadsheet does not know, kept for templates.
    public var params: [String: String]
    /// Safe HTML of the body (cmark without unsafe HTML, or escaped wire paragraphs).
    public var body: BodyHTML
    /// The body as plain words, for topic rules and search. A build empties it
    /// once it has classified the article and counted `searchWords`.
    public var plainText: String
    public var wordCount: Int
    /// The body's indexable words with their counts, when the build has counted them;
    /// otherwise the search index reads `plainText`.
    public var searchWords: SearchWords? = nil
    /// Stable hash of its source file's bytes, set by the parse stage (0 for an article
    /// that was not read from a file): what a page made from the article depends on.
    public var sourceHash: UInt64 = 0

    public var bodyHTML: String {
        get { body.text }
        set { body = BodyHTML(newValue) }
    }

    /// Minutes to read at 220 words a minute, at least one.
    public var readingMinutes: Int {
        max(1, (wordCount + 219) / 220)
    }
}
