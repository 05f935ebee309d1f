// libFuzzer entry point for Broadsheet's content parsers. `fuzz/run.sh` (or `make fuzz`)
// compiles this file together with the BroadsheetKit sources it needs into one module,
// so it can reach their internal types, with `-sanitize=fuzzer,address`.
//
// Each input is fed, as bytes, to the whole article reader (as a markdown file and as a
// wire dump) and, as text, to each parser on its own: front matter split and YAML
// mapping, date and dateline parsers, slugs, URL classification, escaping and the
// markdown limits. Besides crashes, the invariants below stop the run when broken.
import Foundation

private let utc = TimeZone(identifier: "UTC")!
private let config = SiteConfig()
private let reader = ArticleReader(config: config)
private let dates = DateParser(timeZone: utc)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let lineCount = bytes.count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 1

    for path in ["2024/01/fuzz.md", "2024/01/fuzz.txt"] {
        let outcome = reader.read(SourceFile(path: path, bytes: bytes))
        for diagnostic in outcome.diagnostics {
            check(diagnostic.path == path, "a diagnostic names another file: \(diagnostic)")
            check((diagnostic.line ?? 1) >= 1 && (diagnostic.line ?? 1) <= lineCount + 1, "a diagnostic points outside the file: \(diagnostic)")
            check((diagnostic.column ?? 1) >= 1, "a diagnostic has column 0: \(diagnostic)")
            check(!diagnostic.description.unicodeScalars.contains { $0.properties.generalCategory == .control },
                  "a printed diagnostic spans lines or holds control characters: \(diagnostic.description.debugDescription)")
            if diagnostic.severity == .error {
                check(diagnostic.message.contains("; expected"), "an error does not say what was expected: \(diagnostic)")
            }
        }
        let hasErrors = outcome.diagnostics.contains { $0.severity == .error }
        check((outcome.article == nil) == hasErrors, "an article and errors, or neither: \(outcome.diagnostics)")
        if let article = outcome.article { checkArticle(article) }
    }

    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    if case .success(let split) = FrontMatter.split(text, path: "f.md") {
        _ = YAMLMapping.parse(split.yaml, path: "f.md", lineOffset: split.lineOffset)
    }
    _ = YAMLMapping.parse(text, path: "site.yml", lineOffset: 0)
    _ = SiteConfig.parse(text, path: "site.yml")
    for line in text.split(separator: "\n", maxSplits: 4).prefix(4) {
        _ = dates.parse(String(line))
        _ = Dateline.parse(String(line), defaultZone: utc)
    }
    if let slug = Slug(from: text) { checkSlug(slug.value) }
    if case .safe(let url) = SafeURL.classify(text) {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        check(SafeURL.allowedSchemes.contains(scheme), "SafeURL let \(url) through")
    }
    let escaped = text.htmlEscaped
    check(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"), "htmlEscaped left markup")
    let xml = text.xmlEscaped
    check(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }, "xmlEscaped left a control character")
    if let (line, _) = MarkdownLimits.violation(in: text) {
        check(line >= 1 && line <= lineCount, "MarkdownLimits points outside the text")
    }
    return 0
}

private func checkArticle(_ article: Article) {
    check(!article.title.isEmpty, "an article without a title")
    checkSlug(article.slug.value)
    let html = article.bodyHTML.lowercased()
    check(!html.contains("<script") && !html.contains("<iframe") && !html.contains("javascript:") && !html.contains("vbscript:"),
          "executable markup in a body: \(article.bodyHTML.prefix(300))")
    check(html.range(of: #"<[a-z][^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "an event handler in a body")
    if let url = article.sourceURL {
        check(SafeURL.allowedSchemes.contains(url.prefix { $0 != ":" }.lowercased()), "an unsafe source URL: \(url)")
    }
}

private func checkSlug(_ slug: String) {
    check(!slug.isEmpty && slug.count <= Slug.maxLength, "slug length: \(slug)")
    check(slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, "slug characters: \(slug)")
    check(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), "slug dashes: \(slug)")
}

private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("invariant broken: \(message())\n".utf8))
        abort()
    }
}
