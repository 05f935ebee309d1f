import Foundation

/// Reads `*.txt` wire dumps: a dateline, a title, plain-text paragraphs, and a
/// trailer (ID line, agency, disclaimer) that is dropped. The body is escaped text,
/// never markdown.
struct WireReader: Sendable {
    let dates: DateParser
    let trailer: TrailerMatcher

    static let expectedDateline = "expected a dateline like `Tuesday, 02 January 2024 12:17 GMT`"

    func read(_ text: String, path: String) -> ParseOutcome {
        let lines = Self.lines(of: text)
        var index = 0
        func nextNonBlank() -> Int? {
            while index < lines.count, lines[index].allSatisfy(\.isWhitespace) { index += 1 }
            defer { index += 1 }
            return index < lines.count ? index : nil
        }
        guard let datelineIndex = nextNonBlank() else {
            return .failed([.error(path, line: 1, "the wire dump is empty; \(Self.expectedDateline), a title and paragraphs")])
        }
        var diagnostics: [Diagnostic] = []
        let dateline = Dateline.parse(String(lines[datelineIndex]), defaultZone: dates.timeZone)
        switch dateline {
        case .failure(let problem):
            diagnostics.append(.error(path, line: datelineIndex + 1, "\(problem.description); \(Self.expectedDateline)"))
        case .success(let parsed) where parsed.weekdayMismatch != nil:
            diagnostics.append(.warning(path, line: datelineIndex + 1, parsed.weekdayMismatch ?? ""))
        case .success:
            break
        }
        guard let titleIndex = nextNonBlank() else {
            diagnostics.append(.error(path, line: datelineIndex + 2, "the wire dump has no title; expected the headline on the first non-blank line after the dateline"))
            return .failed(diagnostics)
        }
        guard case .success(let parsedDateline) = dateline else { return .failed(diagnostics) }
        let bodyStart = trailer.bodyEnd(in: lines, from: titleIndex + 1)

        var paragraphs = Self.paragraphs(lines[(titleIndex + 1)..<bodyStart])
        var source: String?
        if let first = paragraphs.first, let (agency, rest) = Self.agencyTag(first) {
            source = agency
            paragraphs[0] = rest
        }
        let title = String(lines[titleIndex].trimmingSpaces)
        let plainText = paragraphs.joined(separator: "\n")
        let article = Article(
            sourcePath: path, format: .wire, title: title, date: parsedDateline.date, topics: [],
            summary: Summary.make(from: paragraphs.first ?? ""), author: nil, source: source,
            sourceID: trailer.sourceID(in: lines[bodyStart...]), sourceURL: nil,
            slug: defaultSlug(title: title, path: path), draft: false, params: [:],
            body: BodyHTML(Self.html(of: paragraphs)),
            plainText: plainText, wordCount: Words.count(plainText))
        return ParseOutcome(article: article, diagnostics: diagnostics)
    }

    /// The text split at each newline, empty lines kept; found by a scan of the bytes
    /// (the collection algorithm's `split` calls a closure per byte).
    private static func lines(of text: String) -> [Substring] {
        var text = text
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = 0
        text.withUTF8 { bytes in
            for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                lines.append(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: offset)]))
                start = offset + 1
            }
        }
        lines.append(Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)...]))
        return lines
    }

    /// Each paragraph escaped in `<p>`, on a line of its own; built as one buffer of bytes,
    /// not a string per paragraph joined after.
    private static func html(of paragraphs: [String]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(paragraphs.reduce(0) { $0 + $1.utf8.count + 8 } + 64)
        for paragraph in paragraphs {
            bytes.append(contentsOf: "<p>".utf8)
            paragraph.appendHTMLEscaped(to: &bytes)
            bytes.append(contentsOf: "</p>\n".utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Blank-line separated paragraphs, each line trimmed, lines of one paragraph joined by newlines.
    private static func paragraphs(_ lines: ArraySlice<Substring>) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in lines {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: "\n")) }
        return result
    }

    /// `(NORDWIRE) Text…` → (`NORDWIRE`, `Text…`).
    static func agencyTag(_ paragraph: String) -> (String, String)? {
        guard paragraph.hasPrefix("("), let close = paragraph.firstIndex(of: ")") else { return nil }
        let tag = paragraph[paragraph.index(after: paragraph.startIndex)..<close]
        guard (2...40).contains(tag.count), tag.first?.isUppercase == true,
              tag.allSatisfy({ $0.isLetter || $0.isNumber || " .&-/".contains($0) })
        else { return nil }
        let rest = paragraph[paragraph.index(after: close)...].drop(while: \.isWhitespace)
        return (String(tag), String(rest))
    }
}
