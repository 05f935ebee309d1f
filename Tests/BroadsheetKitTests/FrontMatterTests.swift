import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct FrontMatterTests {
    // MARK: Splitting

    @Test func splitsYAMLFromBody() throws {
        let split = try FrontMatter.split("---\ntitle: A\ndate: 2024-01-02\n---\nFirst line\n\n---\nAfter a rule\n", path: "a.md").get()
        #expect(split.yaml == "title: A\ndate: 2024-01-02")
        #expect(split.body == "First line\n\n---\nAfter a rule\n")
        #expect(split.lineOffset == 1)
    }

    @Test func acceptsTrailingSpacesOnFencesAndDotsAsTheClosingFence() throws {
        let split = try FrontMatter.split("---  \ntitle: A\n...\nBody", path: "a.md").get()
        #expect(split.yaml == "title: A")
        #expect(split.body == "Body")
    }

    @Test func missingOpeningFenceIsAnErrorOnLine1() {
        let outcome = parseMarkdown("title: A\ndate: 2024-01-02\n\nBody\n", path: "2024/01/a.md")
        #expect(outcome.article == nil)
        let error = errors(outcome).first
        #expect(error?.path == "2024/01/a.md")
        #expect(error?.line == 1)
        #expect(error?.message.contains("does not start with front matter") == true)
    }

    @Test func unclosedFenceIsAnError() {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\n\nBody without a closing fence\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).count == 1)
        #expect(errors(outcome).first?.message.contains("never closed") == true)
    }

    // MARK: YAML errors point at file lines

    @Test func yamlSyntaxErrorNamesTheFileLineOfTheBadKey() {
        // file line 1 is the fence, so YAML line 3 is file line 4
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nsummary: one: two\n---\nBody\n")
        let error = errors(outcome).first
        #expect(outcome.article == nil)
        #expect(error?.line == 4)
        #expect(error?.message.contains("invalid YAML") == true)
    }

    @Test func badIndentationIsReportedAtItsFileLine() {
        let outcome = parseMarkdown("---\ntitle: A\n\tdate: 2024-01-02\n---\n")
        #expect(errors(outcome).first?.line == 3)
    }

    @Test func typeErrorIsReportedAtTheValueLineNotTheFence() {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\ndraft: perhaps\n---\nBody\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).map(\.line) == [4])
        #expect(errors(outcome).first?.message.contains("expected true or false") == true)
    }

    @Test(arguments: ["- title\n- date\n", "just a sentence\n", "42\n"])
    func yamlThatIsNotAMappingIsAnError(yaml: String) {
        let outcome = parseMarkdown("---\n\(yaml)---\nBody\n")
        #expect(outcome.article == nil)
        let error = errors(outcome).first
        #expect(error?.line == 2)
        #expect(error?.message.contains("not a mapping") == true)
    }

    @Test func duplicateKeyIsAnErrorAtTheRepeatedKeyWithAShortMessage() {
        let outcome = parseMarkdown("---\ntitle: One\ndate: 2024-01-02\ntitle: Two\n---\nBody\n")
        #expect(outcome.article == nil)
        let error = errors(outcome).first
        #expect(errors(outcome).count == 1)
        #expect(error?.line == 4)
        #expect(error?.message.contains("`title` appears twice") == true)
        // the message names the key; it does not dump the YAML block
        #expect(error?.message.contains("2024-01-02") == false)
    }

    // MARK: Required keys and dates

    @Test func missingTitleAndDateAreBothReported() {
        let outcome = parseMarkdown("---\nauthor: Someone\n---\nBody\n")
        #expect(outcome.article == nil)
        let messages = errors(outcome).map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("no `title`") })
        #expect(messages.contains { $0.contains("no `date`") })
    }

    @Test func emptyTitleIsAnError() {
        let outcome = parseMarkdown("---\ntitle: \"  \"\ndate: 2024-01-02\n---\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).map(\.line) == [2])
    }

    @Test(arguments: ["2024-13-45", "2023-02-30", "tomorrow", "2024-1-2", "02/01/2024"])
    func badDateIsAnErrorAtItsLine(date: String) {
        let outcome = parseMarkdown("---\ntitle: A\nauthor: B\ndate: \(date)\n---\nBody\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).count == 1)
        #expect(errors(outcome).first?.line == 4)
        #expect(errors(outcome).first?.message.contains(date) == true)
    }

    @Test func dateOnlyIsMidnightInTheSiteTimeZone() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\n---\n", timeZone: berlin).article)
        #expect(article.date == instant("2024-01-01T23:00:00Z"))
    }

    // MARK: Fields

    @Test func readsAllKnownFields() throws {
        let text = """
        ---
        title: "  Night trains return  "
        date: 2024-01-02T12:17:00Z
        summary: A short teaser.
        author: Mira Stone
        source: https://example.org/trains
        slug: "Night Trains: the Return!"
        ---
        The **first** paragraph.

        The second one.
        """
        let outcome = parseMarkdown(text, path: "2024/01/trains.md")
        let article = try #require(outcome.article)
        #expect(outcome.diagnostics.isEmpty)
        #expect(article.title == "Night trains return")
        #expect(article.date == instant("2024-01-02T12:17:00Z"))
        #expect(article.summary == "A short teaser.")
        #expect(article.author == "Mira Stone")
        #expect(article.source == "https://example.org/trains")
        #expect(article.sourceURL == "https://example.org/trains")
        #expect(article.slug.value == "night-trains-the-return")
        #expect(article.draft == false)
        #expect(article.format == .markdown)
        #expect(article.bodyHTML.contains("<strong>first</strong>"))
    }

    @Test func summaryDefaultsToTheFirstParagraphAsPlainText() throws {
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\n---\n# Heading\n\nSome *emphasis* and [a link](https://example.org).\n\nSecond.\n").article)
        #expect(article.summary == "Some emphasis and a link.")
    }

    @Test func unknownKeysAreKeptAsParams() throws {
        let text = "---\ntitle: A\ndate: 2024-01-02\neditor: Ann Lee\nregions: [North, South]\n---\n"
        let outcome = parseMarkdown(text)
        let article = try #require(outcome.article)
        #expect(article.params == ["editor": "Ann Lee", "regions": "North, South"])
        #expect(errors(outcome).isEmpty)
    }

    @Test(arguments: [("true", true), ("false", false), ("yes", true)])
    func draftFlag(value: String, expected: Bool) throws {
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\ndraft: \(value)\n---\n").article)
        #expect(article.draft == expected)
    }

    @Test func topicsAsAList() throws {
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\ntopics:\n  - Energy\n  - \" Black Sea \"\n---\n").article)
        #expect(article.topics == ["Energy", "Black Sea"])
    }

    @Test func topicsAsASingleString() throws {
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\ntopics: Energy\n---\n").article)
        #expect(article.topics == ["Energy"])
    }

    @Test func topicWithoutLettersIsAnError() {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\ntopics: [Energy, \"???\"]\n---\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).first?.line == 4)
    }

    @Test func slugFromFrontMatterIsSanitised() throws {
        let article = try #require(parseMarkdown("---\ntitle: A title\ndate: 2024-01-02\nslug: ../../etc/passwd\n---\n").article)
        #expect(article.slug.value == "etc-passwd")
    }

    @Test func slugWithoutLettersIsAnError() {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nslug: \"../..\"\n---\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).first?.line == 4)
    }

    // MARK: Source links

    @Test(arguments: ["https://example.org/a", "http://example.org/a", "mailto:desk@example.org", "HTTPS://example.org/A"])
    func safeSourceURLsAreLinked(url: String) throws {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nsource: \"\(url)\"\n---\n")
        let article = try #require(outcome.article)
        #expect(article.sourceURL == url)
        #expect(outcome.diagnostics.isEmpty)
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", " vbscript:msgbox(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://example.org/x"])
    func unsafeSourceURLsAreDroppedWithAWarning(url: String) throws {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nsource: \"\(url)\"\n---\n")
        let article = try #require(outcome.article)
        #expect(article.sourceURL == nil)
        #expect(article.source == nil)
        #expect(warnings(outcome).map(\.line) == [4])
    }

    @Test func sourceThatIsANameIsKeptAsTextWithoutALink() throws {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nsource: \"Nordwire: Oslo desk\"\n---\n")
        let article = try #require(outcome.article)
        #expect(article.source == "Nordwire: Oslo desk")
        #expect(article.sourceURL == nil)
        #expect(outcome.diagnostics.isEmpty)
    }

    // MARK: Bytes

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text = "---\r\ntitle: Crlf story\r\ndate: 2024-01-02\r\n---\r\nLine one\r\n\r\nLine two\r\n"
        let outcome = parseFile([0xEF, 0xBB, 0xBF] + Array(text.utf8), path: "2024/01/crlf.md")
        let article = try #require(outcome.article)
        #expect(article.title == "Crlf story")
        #expect(!article.bodyHTML.contains("\r"))
        #expect(article.bodyHTML == "<p>Line one</p>\n<p>Line two</p>\n")
    }

    @Test func crlfWireDumpIsAccepted() throws {
        let text = "Tuesday, 02 January 2024 12:17 GMT\r\n\r\nTitle here\r\n\r\nBody text.\r\n"
        let article = try #require(parseFile(Array(text.utf8), path: "2024/01/w.txt").article)
        #expect(article.title == "Title here")
        #expect(article.bodyHTML == "<p>Body text.</p>\n")
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() {
        let bytes = Array("---\ntitle: A\ndate: 2024-01-02\n---\nab".utf8) + [0xFF, 0x41]
        let outcome = parseFile(bytes, path: "2024/01/latin1.md")
        #expect(outcome.article == nil)
        let error = errors(outcome).first
        #expect(error?.path == "2024/01/latin1.md")
        #expect(error?.line == 5)
        #expect(error?.column == 3)
        #expect(error?.message.contains("not valid UTF-8") == true)
    }

    @Test func truncatedMultiByteSequenceIsInvalid() {
        let outcome = parseFile(Array("x\ny".utf8) + [0xC3], path: "a.md")
        #expect(errors(outcome).first?.line == 2)
    }

    @Test func emptyFileIsAnError() {
        let outcome = parseFile(Array(" \n\n".utf8), path: "2024/01/empty.md")
        #expect(outcome.article == nil)
        #expect(errors(outcome).count == 1)
    }

    @Test func errorsPrintAsPathLineColumn() {
        let outcome = parseMarkdown("---\ntitle: A\ndate: 2024-01-02\nsummary: one: two\n---\n", path: "2024/01/x.md")
        #expect(errors(outcome).first?.description.hasPrefix("2024/01/x.md:4:") == true)
        #expect(errors(outcome).first?.description.contains(": error: ") == true)
    }

    // MARK: Safety of the body

    @Test func rawHTMLAndUnsafeLinksInTheBodyNeverReachTheOutput() throws {
        let body = "<script>alert(1)</script>\n\nA [link](javascript:alert(1)) and ![img](data:image/png;base64,AAAA) and [bad](data:text/html,x).\n"
        let article = try #require(parseMarkdown("---\ntitle: A\ndate: 2024-01-02\n---\n" + body).article)
        #expect(!article.bodyHTML.contains("<script"))
        #expect(!article.bodyHTML.contains("javascript:"))
        #expect(!article.bodyHTML.contains("data:text/html"))
        #expect(article.bodyHTML.contains("data:image/png"))
    }
}
