/// JSON text that is safe anywhere inside an HTML `<script>` element, for the search
/// index and JSON-LD: strings never hold a raw `<`, `>`, `&`, control character or
/// U+2028/U+2029, so neither `</script>` nor `<!--` can end or change the element.
enum ScriptJSON {
    static func appendList(_ items: [String], to json: inout String) {
        json += "["
        for (index, item) in items.enumerated() {
            if index > 0 { json += "," }
            appendString(item, to: &json)
        }
        json += "]"
    }

    /// A JSON string that is also safe anywhere in a script: no raw `<`, `>`, `&`,
    /// control characters or the line separators U+2028/U+2029. Runs of bytes that need
    /// no escape are copied whole.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        let bytes = text.utf8
        var run = bytes.startIndex, index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            var length = 1
            let escaped: String
            switch byte {
            case 0x22: escaped = "\\\""
            case 0x5C: escaped = "\\\\"
            case 0x0A: escaped = "\\n"
            case 0x0D: escaped = "\\r"
            case 0x09: escaped = "\\t"
            case 0x3C, 0x3E, 0x26, 0x7F, 0..<0x20: escaped = unicodeEscape(UInt32(byte))
            case 0xE2 where isLineSeparator(bytes[index...]):  // U+2028 and U+2029: E2 80 A8, E2 80 A9
                length = 3
                escaped = unicodeEscape(0x2028 + UInt32(bytes[bytes.index(index, offsetBy: 2)] - 0xA8))
            default:
                index = bytes.index(after: index)
                continue
            }
            json += text[run..<index]
            json += escaped
            index = bytes.index(index, offsetBy: length)
            run = index
        }
        json += text[run..<index]
        json += "\""
    }

    private static func isLineSeparator(_ bytes: Substring.UTF8View) -> Bool {
        var next = bytes.dropFirst().makeIterator()
        return next.next() == 0x80 && [0xA8, 0xA9].contains(next.next())
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
