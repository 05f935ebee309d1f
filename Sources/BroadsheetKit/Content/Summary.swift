/// The teaser shown in lists and feeds when front matter gives no `summary`.
enum Summary {
    static let targetWords = 40

    /// The first paragraph's plain text, cut at a word boundary near 40 words. Words
    /// are runs between whitespace scalars; the scan stops once the cut is certain.
    static func make(from paragraph: String) -> String {
        var words: [Substring] = []
        let scalars = paragraph.unicodeScalars
        var index = scalars.startIndex
        var start: String.UnicodeScalarView.Index?
        while index < scalars.endIndex, words.count <= targetWords + 5 {
            if isWhitespace(scalars[index]) {
                if let wordStart = start { words.append(Substring(scalars[wordStart..<index])) }
                start = nil
            } else if start == nil {
                start = index
            }
            index = scalars.index(after: index)
        }
        if let wordStart = start, words.count <= targetWords + 5 { words.append(Substring(scalars[wordStart..<index])) }
        guard words.count > targetWords + 5 else { return words.joined(separator: " ") }
        var cut = words.prefix(targetWords).joined(separator: " ")
        while let last = cut.last, ",;:-–—".contains(last) { cut.removeLast() }
        return cut + "…"
    }

    /// Unicode's White_Space, answered without the property tables for ASCII (most text).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
