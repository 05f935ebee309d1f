import Foundation

/// Finds where a wire dump's trailer starts: the first line matching any configured pattern.
struct TrailerMatcher: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and documented thread-safe.
    private let expression: NSRegularExpression?

    /// Patterns must already be validated (`SiteConfig.parse` does).
    init(patterns: [String]) {
        let combined = patterns.map { "(?:\($0))" }.joined(separator: "|")
        expression = patterns.isEmpty ? nil : try? NSRegularExpression(pattern: combined, options: [.anchorsMatchLines])
    }

    /// Index of the first trailer line at or after `start`, or `lines.count` when there is none.
    func bodyEnd(in lines: [Substring], from start: Int) -> Int {
        guard let expression, start < lines.count else { return lines.count }
        for index in start..<lines.count where !lines[index].isEmpty {
            let text = String(lines[index])
            if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                return index
            }
        }
        return lines.count
    }

    /// The agency's story ID from the trailer, e.g. `NORDWIRE14102026000012345678ID1234567890`.
    func sourceID(in trailer: ArraySlice<Substring>) -> String? {
        for line in trailer {
            let token = line.trimmingCharacters(in: .whitespaces)
            guard let id = token.range(of: "ID", options: .backwards) else { continue }
            let head = token[..<id.lowerBound], tail = token[id.upperBound...]
            if head.first?.isLetter == true, head.last?.isNumber == true, !tail.isEmpty,
               tail.allSatisfy(\.isNumber), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                return token
            }
        }
        return nil
    }
}
