import Foundation

/// Decides which URLs from content may be emitted: only `http`, `https` and `mailto`.
enum SafeURL: Equatable {
    case safe(String)
    case unsafe(scheme: String)
    case notAURL

    static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    static func classify(_ text: String) -> SafeURL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else { return .notAURL }
        let scheme = trimmed[..<colon].lowercased()
        let isScheme = !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
        guard isScheme, scheme.first?.isLetter == true else { return .notAURL }
        let rest = trimmed[trimmed.index(after: colon)...]
        if !allowedSchemes.contains(scheme) {
            // "Source: Reuters" is a label, not a URL; anything with `//` or a known scheme is a URL.
            return rest.hasPrefix("//") || ["javascript", "vbscript", "data", "file"].contains(scheme) ? .unsafe(scheme: scheme) : .notAURL
        }
        guard URL(string: trimmed) != nil, !trimmed.contains(where: { $0.isWhitespace }) else { return .notAURL }
        return .safe(trimmed)
    }
}
