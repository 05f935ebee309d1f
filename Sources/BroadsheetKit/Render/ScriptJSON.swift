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
    /// control characters or the line separators U+2028/U+2029.
    static func appendString(_ text: String, to json: inout String) {
        json += "\""
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E && byte != 0x26 && byte != 0x7F && byte != 0xE2
        }
        if plain {  // nothing to escape (0xE2 starts U+2028 and U+2029, and other characters, which take the long way)
            json += text
            json += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "\n": json += "\\n"
            case "\r": json += "\\r"
            case "\t": json += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                json += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { json += unicodeEscape(scalar.value) } else { json.unicodeScalars.append(scalar) }
            }
        }
        json += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
