/// An article body's safe HTML. A body read from the build cache stays in the cache's
/// mapped file until a page that shows it (its article page, a feed) is rendered: a
/// rebuild after one edit then reads one body instead of every article's (65 MB at 10,000).
public struct BodyHTML: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        case stored(SharedBytes, Range<Int>)
    }

    private let storage: Storage

    public init(_ text: String) {
        storage = .text(text)
    }

    /// UTF-8 in `bytes.buffer[range]`, decoded when `text` is read (each time: a body is shown once or twice).
    init(_ bytes: SharedBytes, _ range: Range<Int>) {
        storage = .stored(bytes, range)
    }

    public var text: String {
        switch storage {
        case .text(let text): text
        case .stored(let bytes, let range): bytes.string(range)
        }
    }

    public static func == (a: BodyHTML, b: BodyHTML) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
