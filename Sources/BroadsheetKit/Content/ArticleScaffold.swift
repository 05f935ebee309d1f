import Foundation

/// The file `broadsheet new` writes: front matter and a placeholder body, at `YYYY/MM/slug.md`.
public struct ArticleScaffold: Sendable {
    /// Relative to the content folder.
    public let path: String
    public let text: String

    public init(title: String, topics: [String], date: String?, now: Date, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current) throws(UsageError) {
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw UsageError("the title is empty; expected a headline like \"Night trains return\"") }
        let moment: Date
        let dateText: String
        if let date {
            guard let parsed = DateParser(timeZone: timeZone).parse(date) else {
                throw UsageError("the date \"\(date)\" is not valid; \(DateParser.expected)")
            }
            moment = parsed
            dateText = date
        } else {
            moment = now
            dateText = Timestamp.rfc3339(now)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = Day(moment, calendar: calendar)
        let slug = Slug(from: trimmed) ?? .fallback
        path = day.monthPath + slug.value + ".md"
        let names = topics.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        text = """
        ---
        title: \(Self.quoted(trimmed))
        date: \(dateText)
        topics: [\(names.map(Self.quoted).joined(separator: ", "))]
        summary: ""
        ---

        Write the story here in markdown.

        """
    }

    /// A YAML double-quoted string.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
