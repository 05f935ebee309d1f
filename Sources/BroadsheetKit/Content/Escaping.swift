extension String {
    /// Text made safe inside HTML or XML elements and quoted attributes.
    var htmlEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 16)
        for character in unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Text made safe inside XML 1.0 elements and attributes: escaped as for HTML, and
    /// without the control characters XML 1.0 forbids, which would make a whole feed unreadable.
    var xmlEscaped: String {
        let allowed = unicodeScalars.filter { $0.value >= 0x20 ? $0.value != 0xFFFE && $0.value != 0xFFFF : "\t\n\r".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(allowed)).htmlEscaped
    }
}
