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

    func read(_ file: SourceFile) -> ParseOutcome {
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
