/// The YAML block between a first line `---` and the next `---` line, and the body after it.
struct FrontMatter {
    var yaml: String
    /// Lines before the YAML text: the opening fence, so YAML line 1 is file line 2.
    var lineOffset: Int { 1 }
    var body: String
    /// Lines before the body: fences and YAML.
    var bodyLineOffset: Int

    static func split(_ text: String, path: String) -> Result<FrontMatter, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            return .failure(.error(path, line: 1, "the file does not start with front matter; expected a first line `---`, YAML keys such as `title:` and `date:`, then `---`"))
        }
        lines = lines.dropFirst()
        guard let close = lines.firstIndex(where: { $0.trimmingTrailingSpaces == "---" || $0.trimmingTrailingSpaces == "..." }) else {
            return .failure(.error(path, line: 1, "the front matter is never closed; expected a line `---` after the YAML keys"))
        }
        let yaml = lines[..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        return .success(FrontMatter(yaml: yaml, body: body, bodyLineOffset: close + 1))
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
