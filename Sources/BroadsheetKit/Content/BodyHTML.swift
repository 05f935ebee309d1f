/// An article body's safe HTML. A body read from the build cache stays as the cache's
/// bytes until a page that shows it (its article page, a feed) is rendered: a rebuild
/// after one edit then decodes one body instead of every article's (65 MB at 10,000).
public struct BodyHTML: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        case stored(SharedBytes, Range<Int>)
    }

    private let storage: Storage

    public init(_ text: String) {
        storage = .text(text)
    }

    /// UTF-8 in `bytes[range]`, decoded when `text` is read (each time: a body is shown once or twice).
    init(_ bytes: SharedBytes, _ range: Range<Int>) {
        storage = .stored(bytes, range)
    }

    public var text: String {
        switch storage {
        case .text(let text): text
        case .stored(let bytes, let range):
            bytes.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
        }
    }

    public static func == (a: BodyHTML, b: BodyHTML) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// Bytes that several values read without copying (a build cache file).
final class SharedBytes: Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}
