/// Fast word handling over UTF-8 bytes. `Character` properties (grapheme breaking,
/// Unicode tables) cost most of a parse at 10,000 articles; these loops touch each
/// byte once and fall back to Unicode scalar properties only for non-ASCII text.
enum Words {
    /// Runs of non-whitespace, as `wc -w` counts them: each non-space byte after a space
    /// starts one. Without a branch per byte: a branch on space or not was mispredicted at
    /// each end of a word, and counting took 2.5 ns a byte.
    static func count(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            spaceBytes.withUnsafeBufferPointer { isSpace in
                var count = 0
                var previous: UInt8 = 1
                for byte in bytes {
                    let space = isSpace[Int(byte)]
                    count &+= Int(previous & (space ^ 1))
                    previous = space
                }
                return count
            }
        }
    }

    /// 1 for the spaces (tab, line feed, form feed, return, space), 0 for every other byte.
    private static let spaceBytes: [UInt8] = (0...255).map { [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains($0) ? 1 : 0 }

    /// Lowercased runs of letters and digits: what topic keywords and search match.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        forEachTokenBytes(in: text) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        return tokens
    }

    /// Calls `body` with the UTF-8 bytes of each of `tokens(text)` in order, each built in
    /// one reused buffer (a body has about 800) and valid only during the call. ASCII is
    /// read byte by byte; only other scalars are decoded and looked up.
    static func forEachTokenBytes(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            // Written through a buffer pointer: appending each byte to an array checked its
            // uniqueness and capacity every time. ASCII takes a byte a byte; room for the
            // rest (a lowercase mapping can be longer than its scalar) is made as needed.
            // (A buffer, not a bare pointer: debug builds, and so the tests, check each write.)
            var current = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count + 16)
            defer { current.deallocate() }
            var length = 0
            var index = 0
            while index <= bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                guard byte >= 0x80 else {
                    if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                        current[length] = byte
                        length += 1
                    } else if byte >= 0x41 && byte <= 0x5A {
                        current[length] = byte + 0x20
                        length += 1
                    } else if length > 0 {
                        body(UnsafeBufferPointer(start: current.baseAddress, count: length))
                        length = 0
                    }
                    index += 1
                    continue
                }
                let (decoded, sequence) = scalar(in: bytes, at: index)
                index += sequence
                if let scalar = decoded, scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    let lowered = scalar.properties.lowercaseMapping.utf8
                    let needed = length + lowered.count + bytes.count - index
                    if needed > current.count {
                        let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 2 * needed + 16)
                        _ = bigger.initialize(fromContentsOf: current[..<length])
                        current.deallocate()
                        current = bigger
                    }
                    for loweredByte in lowered {
                        current[length] = loweredByte
                        length += 1
                    }
                } else if length > 0 {
                    body(UnsafeBufferPointer(start: current.baseAddress, count: length))
                    length = 0
                }
            }
        }
    }
}

extension Words {
    /// The scalar whose UTF-8 starts at `index` (a lead byte, not ASCII), and its length in
    /// bytes. A string's UTF-8 is valid: the lead byte tells the length.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar?, length: Int) {
        let byte = bytes[index]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        var value = UInt32(byte) & (0x7F >> length)
        for next in bytes[(index + 1)..<min(bytes.count, index + length)] { value = value << 6 | UInt32(next & 0x3F) }
        return (Unicode.Scalar(value), length)
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Without leading and trailing tabs, space separators and U+200B (`CharacterSet.whitespaces`),
    /// trimmed scalar by scalar as Foundation's `trimmingCharacters(in:)` does, without its cost.
    var trimmingSpaces: Substring { trimming { Self.isSpace($0, orNewline: false) } }

    /// `trimmingSpaces`, and newlines too (`CharacterSet.whitespacesAndNewlines`: also
    /// U+000A–U+000D, U+0085, U+2028 and U+2029).
    var trimmingSpacesAndNewlines: Substring { trimming { Self.isSpace($0, orNewline: true) } }

    /// Without the leading and trailing scalars that `isTrimmed` accepts.
    func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = self[...].unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }

    private static func isSpace(_ scalar: Unicode.Scalar, orNewline newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x200B: true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: newlines
        case 0..<0x80: false
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }
}
