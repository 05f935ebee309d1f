import Foundation

/// Finds where a wire dump's trailer starts: the first line matching any configured pattern.
/// The patterns are compiled when the first wire dump is read: a rebuild that reads none
/// (most rebuilds) does not wait for it.
final class TrailerMatcher: @unchecked Sendable {
    private let patterns: [String]
    /// Guards `compiled`; NSRegularExpression is immutable after creation and documented thread-safe.
    private let lock = NSLock()
    private var compiled: NSRegularExpression??

    /// Patterns must already be validated (`SiteConfig.parse` does).
    init(patterns: [String]) {
        self.patterns = patterns
    }

    private var expression: NSRegularExpression? {
        lock.withLock {
            if let compiled { return compiled }
            let combined = patterns.map { "(?:\($0))" }.joined(separator: "|")
            let expression = patterns.isEmpty ? nil : try? NSRegularExpression(pattern: combined, options: [.anchorsMatchLines])
            compiled = .some(expression)
            return expression
        }
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
            let token = String(line.trimmingSpaces)
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
