/// Fast word handling over UTF-8 bytes. `Character` properties (grapheme breaking,
/// Unicode tables) cost most of a parse at 10,000 articles; these loops touch each
/// byte once and fall back to Unicode scalar properties only for non-ASCII text.
enum Words {
    /// Runs of non-whitespace, as `wc -w` counts them.
    static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            // Bit n is set when byte n is one of the spaces: tab, line feed, form feed, return, space.
            let spaces: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D | 1 << 0x20
            for byte in bytes {
                // (`&>>`: the byte is below 64 here, so the shift needs no check for larger amounts.)
                let space = byte <= 0x20 && spaces &>> UInt64(byte) & 1 == 1
                count += !space && !inWord ? 1 : 0
                inWord = !space
            }
            return count
        }
    }

    /// Lowercased runs of letters and digits: what topic keywords and search match.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachTokenBytes(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    /// Calls `body` with the UTF-8 bytes of each of `tokens(text)` in order, each built in
    /// one reused buffer (a body has about 800) and valid only during the call.
    static func forEachTokenBytes(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty { current.withUnsafeBufferPointer(body) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = UInt8(scalar.value)
                if value >= 0x61 && value <= 0x7A || value >= 0x30 && value <= 0x39 {
                    current.append(value)
                } else if value >= 0x41 && value <= 0x5A {
                    current.append(value + 0x20)
                } else {
                    flush()
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            } else {
                flush()
            }
        }
        flush()
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Without leading and trailing tabs, space separators and U+200B (`CharacterSet.whitespaces`),
    /// trimmed scalar by scalar as Foundation's `trimmingCharacters(in:)` does, without its cost.
    var trimmingSpaces: Substring {
        let scalars = self[...].unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\u{200B}" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}
