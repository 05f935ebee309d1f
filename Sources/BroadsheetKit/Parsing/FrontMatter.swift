/// The YAML block between a first line `---` and the next `---` (or `...`) line,
/// and the body after it. Lines are found on the UTF-8 bytes, and only the fence
/// lines are looked at, so a long body costs one scan.
struct FrontMatter {
    var yaml: String
    /// Lines before the YAML text: the opening fence, so YAML line 1 is file line 2.
    var lineOffset: Int { 1 }
    var body: String
    /// Lines before the body: fences and YAML.
    var bodyLineOffset: Int

    static func split(_ text: String, path: String) -> Result<FrontMatter, Diagnostic> {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = text[lineStart..<lineEnd]
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if let start = yamlStart {
                if isFence(line, closing: true) {
                    let yaml = start < lineStart ? String(text[start..<utf8.index(before: lineStart)]) : ""
                    return .success(FrontMatter(yaml: yaml, body: String(text[next...]), bodyLineOffset: lineNumber + 1))
                }
            } else {
                guard isFence(line, closing: false) else {
                    return .failure(.error(path, line: 1, missingMessage))
                }
                yamlStart = next
            }
            lineNumber += 1
            lineStart = next
        }
        if yamlStart == nil {
            return .failure(.error(path, line: 1, missingMessage))
        }
        return .failure(.error(path, line: 1, "the front matter is never closed; expected a line `---` after the YAML keys"))
    }

    private static let missingMessage = "the file does not start with front matter; expected a first line `---`, YAML keys such as `title:` and `date:`, then `---`"

    /// `---` (or, closing, `...`) with nothing after it but spaces or tabs.
    private static func isFence(_ line: Substring, closing: Bool) -> Bool {
        var bytes = line.utf8[...]
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8) || (closing && bytes.elementsEqual("...".utf8))
    }
}
