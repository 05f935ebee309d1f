import Yams

/// Front matter written the plain way, read without Yams: one `key: value` line per key,
/// each value a plain text (`date: 2024-01-02`), a quoted one (`title: "Night trains"`) or a
/// list of plain texts (`topics: [Energy, Transport]`), all in printable ASCII. That is most
/// front matter, and Yams took a tenth of a cold build reading it (its parser, its events
/// and a class instance per node). Anything else (comments, nesting, escapes, indented or
/// continued lines, a repeated key, other characters) is left to Yams, which reads it as
/// YAML must be read and reports its errors. For what is read here, the entries are what
/// Yams gives (keys, texts, lines and columns); a test compares the two.
enum PlainYAML {
    private typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    /// The entries of `yaml` (`lineOffset` lines into its file); nil when it is not plain.
    static func entries(_ yaml: String, lineOffset: Int) -> [YAMLMapping.Entry]? {
        var yaml = yaml
        return yaml.withUTF8 { buffer -> [YAMLMapping.Entry]? in
            var entries: [YAMLMapping.Entry] = []
            var lineNumber = lineOffset
            for line in buffer[...].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
                guard let (key, valueStart) = key(of: line), !entries.contains(where: { $0.key == key }),
                      let value = value(line[valueStart...])
                else { return nil }
                entries.append(YAMLMapping.Entry(key: key, value: value, line: lineNumber, column: 1,
                                                 valueLine: lineNumber, valueColumn: valueStart - line.startIndex + 1))
            }
            return entries
        }
    }

    /// `name:` at the start of the line, then spaces: the name and where the value starts.
    private static func key(of line: Bytes) -> (String, Int)? {
        guard let first = line.first, isLetter(first) || first == UInt8(ascii: "_"),
              let colon = line.firstIndex(where: { !(isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")) }),
              line[colon] == UInt8(ascii: ":"),
              let valueStart = line[(colon + 1)...].firstIndex(where: { $0 != UInt8(ascii: " ") }),
              valueStart > colon + 1
        else { return nil }
        return (String(decoding: line[..<colon], as: UTF8.self), valueStart)
    }

    /// A quoted text, a list or a plain text, with nothing after it but spaces.
    private static func value(_ text: Bytes) -> Node? {
        let trimmed = text[..<((text.lastIndex { $0 != UInt8(ascii: " ") } ?? text.startIndex - 1) + 1)]
        guard let first = trimmed.first, let last = trimmed.last, trimmed.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let inside = trimmed.dropFirst().dropLast()
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            // No escapes: a quote or backslash inside is left to Yams.
            guard trimmed.count >= 2, last == first,
                  !inside.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == UInt8(ascii: "\\") })
            else { return nil }
            return .scalar(.init(String(decoding: inside, as: UTF8.self), .implicit, first == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted))
        case UInt8(ascii: "["):
            guard trimmed.count >= 2, last == UInt8(ascii: "]") else { return nil }
            if inside.allSatisfy({ $0 == UInt8(ascii: " ") }) { return .sequence(.init([], .implicit, .flow)) }
            var items: [Node] = []
            for item in inside.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard let plain = plainText(item, inList: true) else { return nil }
                items.append(.scalar(.init(plain, .implicit, .plain)))
            }
            return .sequence(.init(items, .implicit, .flow))
        default:
            return plainText(trimmed, inList: false).map { .scalar(.init($0, .implicit, .plain)) }
        }
    }

    /// Letters, digits, spaces and a few marks, starting with a letter or digit, without
    /// spaces around it; a colon neither ends it nor comes before a space (YAML would read a
    /// key), and a list's items have none.
    private static func plainText(_ text: Bytes, inList: Bool) -> String? {
        guard let start = text.firstIndex(where: { $0 != UInt8(ascii: " ") }),
              let end = text.lastIndex(where: { $0 != UInt8(ascii: " ") }),
              isLetter(text[start]) || isDigit(text[start])
        else { return nil }
        let words = text[start...end]
        var previous: UInt8 = 0
        for byte in words {
            switch byte {
            case UInt8(ascii: " ") where previous == UInt8(ascii: ":"): return nil
            case UInt8(ascii: ":") where inList: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ","),
                 UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "?"), UInt8(ascii: "!"):
                previous = byte
            default: return nil
            }
        }
        guard previous != UInt8(ascii: ":") else { return nil }
        return String(decoding: words, as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
