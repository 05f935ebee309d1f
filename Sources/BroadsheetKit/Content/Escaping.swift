extension String {
    /// Text made safe inside HTML or XML elements and quoted attributes.
    var htmlEscaped: String {
        escaped(droppingXMLControls: false)
    }

    /// Text made safe inside XML 1.0 elements and attributes: escaped as for HTML, and
    /// without the control characters XML 1.0 forbids, which would make a whole feed unreadable.
    var xmlEscaped: String {
        escaped(droppingXMLControls: true)
    }

    /// One pass over the UTF-8 bytes; text that needs nothing is returned as it is.
    /// (U+FFFE and U+FFFF, also forbidden in XML, are the bytes EF BF BE / EF BF BF.)
    private func escaped(droppingXMLControls: Bool) -> String {
        var text = self
        return text.withUTF8 { utf8 in
            guard utf8.contains(where: { Self.needsWork($0, droppingXMLControls: droppingXMLControls) }) else { return self }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count + 64)
            Self.append(utf8, droppingXMLControls: droppingXMLControls, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Appends the text's UTF-8 to `bytes`, escaped as `htmlEscaped` escapes it.
    func appendHTMLEscaped(to bytes: inout [UInt8]) {
        var text = self
        text.withUTF8 { utf8 in
            if utf8.contains(where: { Self.needsWork($0, droppingXMLControls: false) }) {
                Self.append(utf8, droppingXMLControls: false, to: &bytes)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    private static func needsWork(_ byte: UInt8, droppingXMLControls: Bool) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: true
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0xBE, 0xBF: droppingXMLControls
        default: false
        }
    }

    /// Copies the runs of bytes that need nothing whole, and replaces or drops the others.
    private static func append(_ utf8: UnsafeBufferPointer<UInt8>, droppingXMLControls: Bool, to bytes: inout [UInt8]) {
        var runStart = 0, index = 0
        while index <= utf8.count {
            var replacement = "", length = 1   // (at the end: the last run, and nothing after it)
            if index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                case 0x00..<0x20 where droppingXMLControls && byte != 0x09 && byte != 0x0A && byte != 0x0D:
                    break
                case 0xEF where droppingXMLControls && index + 2 < utf8.count && utf8[index + 1] == 0xBF
                    && (utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF):
                    length = 3
                default:
                    index += 1
                    continue
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            bytes.append(contentsOf: replacement.utf8)
            index += length
            runStart = index
        }
    }
}
