import Foundation
import Yams

/// Reads `*.md`: YAML front matter, then a CommonMark body rendered by cmark.
struct MarkdownArticleReader: Sendable {
    let dates: DateParser

    func read(_ text: String, path: String) -> ParseOutcome {
        let frontMatter: FrontMatter
        switch FrontMatter.split(text, path: path) {
        case .success(let split): frontMatter = split
        case .failure(let diagnostic): return .failed([diagnostic])
        }
        let mapping: YAMLMapping
        switch YAMLMapping.parse(frontMatter.yaml, path: path, lineOffset: frontMatter.lineOffset) {
        case .success(let parsed): mapping = parsed
        case .failure(let diagnostic): return .failed([diagnostic])
        }

        var reader = YAMLReader(mapping)
        var fields = Fields()
        for entry in mapping.entries {
            read(entry, into: &fields, with: &reader)
        }
        if fields.title?.isEmpty ?? true, !mapping.entries.contains(where: { $0.key == "title" }) {
            reader.diagnostics.append(.error(path, line: 1, "the front matter has no `title`; expected a line like `title: \"Night trains return\"`"))
        }
        if fields.date == nil, !mapping.entries.contains(where: { $0.key == "date" }) {
            reader.diagnostics.append(.error(path, line: 1, "the front matter has no `date`; expected a line like `date: 2024-01-02`"))
        }
        guard let title = fields.title, let date = fields.date,
              !reader.diagnostics.contains(where: { $0.severity == .error })
        else { return .failed(reader.diagnostics) }

        if let (line, message) = MarkdownLimits.violation(in: frontMatter.body) {
            return .failed(reader.diagnostics + [.error(path, line: frontMatter.bodyLineOffset + line, message)])
        }
        let body = CommonMark.render(frontMatter.body)
        let article = Article(
            sourcePath: path, format: .markdown, title: title, date: date, topics: fields.topics,
            summary: fields.summary ?? Summary.make(from: body.firstParagraph),
            author: fields.author, source: fields.source, sourceID: nil, sourceURL: fields.sourceURL,
            slug: fields.slug ?? defaultSlug(title: title, path: path), draft: fields.draft,
            params: fields.params, body: BodyHTML(body.html), plainText: body.plainText,
            wordCount: Words.count(body.plainText))
        return ParseOutcome(article: article, diagnostics: reader.diagnostics)
    }

    private struct Fields {
        var title: String?
        var date: Date?
        var topics: [String] = []
        var summary: String?
        var author: String?
        var source: String?
        var sourceURL: String?
        var slug: Slug?
        var draft = false
        var params: [String: String] = [:]
    }

    private func read(_ entry: YAMLMapping.Entry, into fields: inout Fields, with reader: inout YAMLReader) {
        switch entry.key {
        case "title":
            guard let title = reader.string(entry) else { return }
            let trimmed = String(title.trimmingSpacesAndNewlines)
            if trimmed.isEmpty { reader.fail(entry, "the title is empty; expected the headline as text") } else { fields.title = trimmed }
        case "date":
            guard let text = reader.string(entry) else { return }
            if let date = dates.parse(text) { fields.date = date } else {
                reader.fail(entry, "the date \"\(text)\" is not a valid date; \(DateParser.expected)")
            }
        case "topics", "tags":
            fields.topics = reader.stringList(entry)?.map { String($0.trimmingSpaces) }.filter { !$0.isEmpty } ?? []
            for topic in fields.topics where Slug(from: topic) == nil {
                reader.fail(entry, "the topic \"\(topic)\" has no letters or digits; expected a name like Energy")
            }
        case "summary": fields.summary = reader.string(entry)
        case "author": fields.author = reader.string(entry)
        case "source":
            guard let source = reader.string(entry) else { return }
            switch SafeURL.classify(source) {
            case .safe(let url): fields.source = source; fields.sourceURL = url
            case .notAURL: fields.source = source
            case .unsafe(let scheme):
                reader.diagnostics.append(.warning(reader.mapping.path, line: entry.line, "the source link uses `\(scheme):`, which is never emitted; expected http, https or mailto"))
            }
        case "slug":
            guard let text = reader.string(entry) else { return }
            if let slug = Slug(from: text) { fields.slug = slug } else {
                reader.fail(entry, "the slug \"\(text)\" has no letters or digits; expected something like night-trains")
            }
        case "draft": fields.draft = reader.bool(entry) ?? false
        default:
            fields.params[entry.key] = entry.value.paramText
        }
    }
}

extension Yams.Node {
    /// A front matter value of an unknown key as templates see it: text, or a list joined by `, `.
    var paramText: String {
        if let text = scalar?.string { return text }
        if let items = sequence { return items.map(\.paramText).joined(separator: ", ") }
        return ""
    }
}
