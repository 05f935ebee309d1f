import Foundation

/// A URL path segment made from a title or topic name: ASCII letters, digits and
/// `-`, lowercased, never empty, never `.`/`..`, at most 80 characters.
public struct Slug: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: String

    public static let maxLength = 80

    /// Makes a slug from any text: `Zürich` → `zurich`, `Киев` → `kiev`, `Αθήνα` → `athena`.
    /// Returns nil when nothing of the text survives (e.g. only punctuation).
    public init?(from text: String) {
        let ascii = Slug.transliterate(text)
        var result = ""
        var pendingDash = false
        for scalar in ascii.unicodeScalars {
            if scalar.isASCII, Slug.isWordByte(UInt8(scalar.value)) {
                if pendingDash, !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        guard !result.isEmpty else { return nil }
        value = Slug.truncate(result)
    }

    /// A slug read back from the build cache, checked as cheaply as it can be: runs of
    /// `a`–`z` and `0`–`9` joined by single dashes, at most `maxLength` long, which is
    /// exactly what `init(from:)` makes and leaves unchanged. Nil for anything else.
    init?(stored text: String) {
        var text = text
        let valid = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "-"), last != UInt8(ascii: "-"),
                  bytes.count <= Slug.maxLength else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                guard Slug.isWordByte(byte) || (byte == UInt8(ascii: "-") && previous != UInt8(ascii: "-")) else { return false }
                previous = byte
            }
            return true
        }
        guard valid else { return nil }
        value = text
    }

    /// `a`–`z` and `0`–`9`: what a slug is made of, between single dashes.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// A slug that is already known to be well formed, with a numeric suffix added.
    func numbered(_ n: Int) -> Slug {
        Slug(validated: "\(Slug.truncate(value, reserving: "-\(n)".count))-\(n)")
    }

    /// Used when neither title nor file name has a letter or digit.
    static let fallback = Slug(validated: "article")

    private init(validated: String) {
        value = validated
    }

    public var description: String { value }

    public static func < (a: Slug, b: Slug) -> Bool { a.value < b.value }

    private static func transliterate(_ text: String) -> String {
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) { return lowered }
        let latin = lowered.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false)
        return (latin ?? lowered).lowercased()
    }

    /// Cuts at the last `-` that keeps the slug within the limit, so words stay whole.
    private static func truncate(_ slug: String, reserving reserved: Int = 0) -> String {
        let limit = maxLength - reserved
        guard slug.count > limit else { return slug }
        let head = slug.prefix(limit)
        if let cut = head.lastIndex(of: "-"), cut > head.startIndex {
            return String(head[..<cut])
        }
        return String(head)
    }
}
