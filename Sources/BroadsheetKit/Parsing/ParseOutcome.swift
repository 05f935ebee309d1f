/// What a reader made of one file: the article when it had no errors, and every finding.
struct ParseOutcome: Sendable {
    var article: Article?
    var diagnostics: [Diagnostic]

    static func failed(_ diagnostics: [Diagnostic]) -> ParseOutcome {
        ParseOutcome(article: nil, diagnostics: diagnostics)
    }
}

/// A slug from the title, else from the file name, else `article`: never empty.
func defaultSlug(title: String, path: String) -> Slug {
    let name = path.split(separator: "/").last.map(String.init) ?? ""
    let fileName = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    return Slug(from: title) ?? Slug(from: fileName) ?? .fallback
}
