/// The teaser shown in lists and feeds when front matter gives no `summary`.
enum Summary {
    static let targetWords = 40

    /// The first paragraph's plain text, cut at a word boundary near 40 words. Words
    /// are runs between whitespace scalars; the scan stops once the cut is certain. Read as
    /// UTF-8 bytes: only scalars that are not ASCII are decoded.
    static func make(from paragraph: String) -> String {
        var paragraph = paragraph
        return paragraph.withUTF8 { bytes in
            var words: [Range<Int>] = []
            var start: Int?
            var index = 0
            while index < bytes.count, words.count <= targetWords + 5 {
                var length = 1
                let space: Bool
                if bytes[index] < 0x80 {
                    space = isWhitespace(Unicode.Scalar(bytes[index]))
                } else {
                    let (scalar, sequence) = Words.scalar(in: bytes, at: index)
                    (space, length) = (scalar.map(isWhitespace) ?? false, sequence)
                }
                if space {
                    if let wordStart = start { words.append(wordStart..<index) }
                    start = nil
                } else if start == nil {
                    start = index
                }
                index += length
            }
            if let wordStart = start, words.count <= targetWords + 5 { words.append(wordStart..<index) }
            /// The words with a space between each two.
            func joined(_ words: ArraySlice<Range<Int>>) -> String {
                var text: [UInt8] = []
                for word in words {
                    if !text.isEmpty { text.append(UInt8(ascii: " ")) }
                    text.append(contentsOf: bytes[word])
                }
                return String(decoding: text, as: UTF8.self)
            }
            guard words.count > targetWords + 5 else { return joined(words[...]) }
            var cut = joined(words.prefix(targetWords))
            while let last = cut.last, ",;:-–—".contains(last) { cut.removeLast() }
            return cut + "…"
        }
    }

    /// Unicode's White_Space, answered without the property tables for ASCII (most text).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
