/// The teaser shown in lists and feeds when front matter gives no `summary`.
enum Summary {
    static let targetWords = 40

    /// The first paragraph's plain text, cut at a word boundary near 40 words.
    static func make(from paragraph: String) -> String {
        let words = paragraph.split(whereSeparator: \.isWhitespace)
        guard words.count > targetWords + 5 else { return words.joined(separator: " ") }
        var cut = words.prefix(targetWords).joined(separator: " ")
        while let last = cut.last, ",;:-–—".contains(last) { cut.removeLast() }
        return cut + "…"
    }
}
