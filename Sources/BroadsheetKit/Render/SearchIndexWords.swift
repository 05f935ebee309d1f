import Foundation

/// The words of the index: how texts are split into words and folded, as `search.js` does,
/// which words are indexed, and the summary and slug an entry shows.
extension SearchIndex {
    /// Lowercase without diacritics, as `search.js` folds: lowercased, NFD, combining marks
    /// dropped, and final `ς` as `σ` (JavaScript lowercases a final capital sigma to `ς`, Swift to `σ`).
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: scalars.append(scalar == "ς" ? "σ" : scalar)
            }
        }
        return String(scalars)
    }

    /// The folded words of `text`: runs of letters and digits, as `/[\p{L}\p{N}]+/u` finds them
    /// in the folded text. Runs of plain ASCII letters and digits, most of an English text, are
    /// lowercased byte by byte; only runs with other characters go through `fold`.
    static func words(in text: String) -> [String] {
        var result: [String] = []
        forEachWordBytes(in: text, into: &result) { words, word, _ in words.append(String(decoding: word, as: UTF8.self)) }
        return result
    }

    /// Calls `body` with `state`, the UTF-8 bytes of each word of `words(in:)`, in order,
    /// and their `ByteWordCounts.hash`, made as the bytes are lowercased; the buffer is only
    /// valid during the call. The state is passed in, not captured: a captured variable is
    /// reached through a box, and each use of it then costs a retain and a release.
    static func forEachWordBytes<State>(in text: String, into state: inout State,
                                        _ body: (inout State, UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        // Lowercased ASCII words are written here; no word is longer than the text.
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, text.utf8.count))
        defer { scratch.deallocate() }
        foldedBytes.withUnsafeBufferPointer { folded in
            text.withUTF8 { bytes in
                var index = 0
                while index < bytes.count {
                    // A run of ASCII letters and digits, lowercased into `scratch` as it is hashed.
                    let start = index
                    var hash = ByteWordCounts.emptyHash
                    var lower = folded[Int(bytes[index])]
                    while lower > nonASCII {
                        scratch[index - start] = lower
                        hash = ByteWordCounts.hash(hash, adding: lower)
                        index += 1
                        if index == bytes.count { break }
                        lower = folded[Int(bytes[index])]
                    }
                    var separator = 1
                    if index < bytes.count, lower == nonASCII {
                        separator = separatorLength(bytes, at: index)
                        if separator == 0 {
                            // The run has other characters: all of it goes through `fold`.
                            while index < bytes.count, folded[Int(bytes[index])] != 0, separatorLength(bytes, at: index) == 0 { index += 1 }
                            for var word in foldedWords(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) {
                                word.withUTF8 { body(&state, $0, ByteWordCounts.hash($0)) }
                            }
                            continue
                        }
                    }
                    if index > start { body(&state, UnsafeBufferPointer(start: scratch, count: index - start), hash) }
                    index += separator
                }
            }
        }
    }

    /// In `foldedBytes`: a byte that is not ASCII.
    private static let nonASCII: UInt8 = 1

    /// Each byte's part in a word, one table lookup a byte: an ASCII letter or digit maps to
    /// itself lowercased, a byte that is not ASCII to `nonASCII`, any other to 0.
    private static let foldedBytes: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x30...0x39, 0x61...0x7A: UInt8(byte)
        case 0x41...0x5A: UInt8(byte | 0x20)
        case 0x80...: nonASCII
        default: 0
        }
    }

    /// The length of the UTF-8 sequence at `index` when it is a character that never belongs
    /// to a word and is common in English text (U+2000–U+206F: typographic quotes, dashes,
    /// spaces, the ellipsis; U+00A0, `«`, `»`), else 0. Such characters end a run as ASCII
    /// punctuation does, so `don’t` and `“quoted”` stay on the ASCII path instead of `fold`.
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let count = bytes.count - index
        if count >= 3, bytes[index] == 0xE2, bytes[index + 1] == 0x80 || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0) {
            return 3
        }
        if count >= 2, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 || bytes[index + 1] == 0xAB || bytes[index + 1] == 0xBB {
            return 2
        }
        return 0
    }

    /// `words(in:)` for any text, scalar by scalar.
    static func foldedWords(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    static func isIndexable(_ word: String) -> Bool {
        guard word.utf8.count >= minWordLength, !stopwords.contains(word) else { return false }
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return !word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return word.unicodeScalars.count >= minWordLength && !word.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    /// `isIndexable` for a word's UTF-8 bytes and their `ByteWordCounts.hash`: a plain ASCII
    /// word is judged on its bytes, and only other words (and likely stopwords) become strings.
    static func isIndexable(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        guard word.allSatisfy({ $0 < 0x80 }) else { return isIndexable(String(decoding: word, as: UTF8.self)) }
        guard word.count >= minWordLength, !word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return !stopwordHashes.mayContain(hash) || !stopwords.contains(String(decoding: word, as: UTF8.self))
    }

    private static let stopwordHashes = HashFilter(stopwords.map { word in
        var word = word
        return word.withUTF8(ByteWordCounts.hash)
    }, bitCount: 4096)

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    /// The summary cut near `summaryLimit` characters at a word boundary, with `…` when cut.
    static func shortened(_ summary: String) -> String {
        // Characters are counted only up to the limit, not through the whole summary.
        guard summary.utf8.count > summaryLimit,
              let end = summary.index(summary.startIndex, offsetBy: summaryLimit, limitedBy: summary.endIndex),
              end < summary.endIndex else { return summary }
        let head = summary[..<end]
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        // Foundation's trimming is slow; most cuts start and end with a letter or digit, which it keeps.
        func isKept(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        if isKept(cut.unicodeScalars.first), isKept(cut.unicodeScalars.last) { return cut + "…" }
        return cut.trimmingCharacters(in: cutEdges) + "…"
    }

    /// What `shortened` trims from both ends of its cut, made once.
    private static let cutEdges = CharacterSet.whitespaces.union(.punctuationCharacters)

    /// The slug `search.js` derives from a title, or nil when the title is not plain ASCII
    /// (the build's slugs transliterate, which the browser cannot repeat).
    static func derivedSlug(_ title: String) -> String? {
        guard title.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var slug = ""
        var pendingDash = false
        for byte in title.lowercased().utf8 {
            if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                slug.unicodeScalars.append(Unicode.Scalar(byte))
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        guard slug.utf8.count > Slug.maxLength else { return slug }
        let head = slug.prefix(Slug.maxLength)
        if let cut = head.lastIndex(of: "-"), cut > head.startIndex { return String(head[..<cut]) }
        return String(head)
    }
}
