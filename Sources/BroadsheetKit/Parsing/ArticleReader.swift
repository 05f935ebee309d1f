/// Parses one content file into an article, by its extension: `.md` is markdown
/// with front matter, `.txt` is a wire dump.
struct ArticleReader: Sendable {
    let markdown: MarkdownArticleReader
    let wire: WireReader

    init(config: SiteConfig) {
        let dates = DateParser(timeZone: config.timeZone)
        markdown = MarkdownArticleReader(dates: dates)
        wire = WireReader(dates: dates, trailer: TrailerMatcher(patterns: config.wireTrailerPatterns))
    }

    /// Larger files are not articles; reading them would only cost memory.
    static let maxFileBytes = 8 * 1024 * 1024

    func read(_ file: SourceFile) -> ParseOutcome {
        guard file.bytes.count <= Self.maxFileBytes else {
            return .failed([.error(file.path, line: 1, "the file is \(file.bytes.count / 1024 / 1024) MB; expected an article of at most \(Self.maxFileBytes / 1024 / 1024) MB")])
        }
        let text: String
        switch SourceText.decode(file.bytes, path: file.path) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return .failed([diagnostic])
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            return .failed([.error(file.path, line: 1, "the file is empty; expected an article")])
        }
        return file.path.lowercased().hasSuffix(".txt") ? wire.read(text, path: file.path) : markdown.read(text, path: file.path)
    }
}
