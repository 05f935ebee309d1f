import Foundation
import Testing
@testable import BroadsheetKit

/// Wire dumps written for these tests; agencies and places are invented.
@Suite struct WireReaderTests {
    static let dump = """
    Tuesday, 02 January 2024 12:17 GMT

    Ferry crews agree new rota after talks

    (NORDWIRE) Crews on the Eastmere ferry line agreed a new rota on Tuesday
    after two days of talks with the operator.

    Search teams were not needed, a spokesperson said.

    Services resume on Thursday.

    NORDWIRE02012024000012345678ID1234567890



    NORDWIRE

    Legal Disclaimer:
    This text is provided for subscribers only.
    Search
    """

    // MARK: Dateline

    @Test func readsDatelineTitleAndAgency() throws {
        let outcome = parseWire(Self.dump)
        let article = try #require(outcome.article)
        #expect(outcome.diagnostics.isEmpty)
        #expect(article.format == .wire)
        #expect(article.date == instant("2024-01-02T12:17:00Z"))
        #expect(article.title == "Ferry crews agree new rota after talks")
        #expect(article.source == "NORDWIRE")
        #expect(article.topics.isEmpty)
        #expect(article.slug.value == "ferry-crews-agree-new-rota-after-talks")
    }

    @Test func agencyTagIsRemovedFromTheText() throws {
        let article = try #require(parseWire(Self.dump).article)
        #expect(!article.bodyHTML.contains("NORDWIRE"))
        #expect(!article.plainText.contains("(NORDWIRE)"))
        #expect(article.bodyHTML.hasPrefix("<p>Crews on the Eastmere ferry line"))
        #expect(article.summary.hasPrefix("Crews on the Eastmere"))
    }

    @Test func trailerIsDroppedAndItsIDBecomesSourceID() throws {
        let article = try #require(parseWire(Self.dump).article)
        #expect(article.sourceID == "NORDWIRE02012024000012345678ID1234567890")
        #expect(article.bodyHTML == """
        <p>Crews on the Eastmere ferry line agreed a new rota on Tuesday
        after two days of talks with the operator.</p>
        <p>Search teams were not needed, a spokesperson said.</p>
        <p>Services resume on Thursday.</p>

        """)
        for dropped in ["Legal Disclaimer", "subscribers", "ID1234567890"] {
            #expect(!article.bodyHTML.contains(dropped))
            #expect(!article.plainText.contains(dropped))
        }
    }

    @Test func disclaimerWithoutIDLineStillEndsTheBody() throws {
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\nBody.\n\nLegal Disclaimer: all rights reserved.\nMore boilerplate.\n"
        let article = try #require(parseWire(text).article)
        #expect(article.bodyHTML == "<p>Body.</p>\n")
        #expect(article.sourceID == nil)
    }

    @Test func finalSearchLineIsDropped() throws {
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\nBody.\n\nSearch\n"
        let article = try #require(parseWire(text).article)
        #expect(article.bodyHTML == "<p>Body.</p>\n")
    }

    @Test func customTrailerPatternsReplaceTheDefaults() throws {
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\nBody.\n\n-- END OF STORY --\nCopyright line\n\nSearch\n"
        let custom = try #require(parseWire(text, trailer: [#"^-- END"#]).article)
        #expect(custom.bodyHTML == "<p>Body.</p>\n")
        let none = try #require(parseWire(text, trailer: []).article)
        #expect(none.bodyHTML.contains("Search"))
    }

    @Test func customTrailerPatternsFromSiteYML() throws {
        let config = try SiteConfig.parse("wire:\n  trailer:\n    - '^\\(c\\) '\n", path: "site.yml").get()
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\nBody.\n\n(c) Southwire 2024\n"
        let article = try #require(parseFile(Array(text.utf8), path: "w.txt", config: config).article)
        #expect(article.bodyHTML == "<p>Body.</p>\n")
    }

    @Test(arguments: [
        ("Tuesday, 02 January 2024 12:17 GMT", "2024-01-02T12:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 UTC", "2024-01-02T12:17:00Z"),
        ("Tue, 2 Jan 2024 12:17 GMT", "2024-01-02T12:17:00Z"),
        ("TUESDAY 02 JANUARY 2024 12:17 gmt", "2024-01-02T12:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 +0200", "2024-01-02T10:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 -05:00", "2024-01-02T17:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 CET", "2024-01-02T11:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 EST", "2024-01-02T17:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 JST", "2024-01-02T03:17:00Z"),
        ("Tuesday, 02 July 2024 12:17 CEST", "2024-07-02T10:17:00Z"),
        ("Tuesday, 02 July 2024 12:17 CET", "2024-07-02T11:17:00Z"),
        ("Tuesday, 02 July 2024 12:17 EST", "2024-07-02T17:17:00Z"),
        ("Tuesday, 02 January 2024 12:17 BST", "2024-01-02T11:17:00Z"),
        ("Tuesday, 02 January 2024 12:17", "2024-01-02T12:17:00Z"),
    ])
    func datelineTimeZones(line: String, expected: String) throws {
        let dateline = try Dateline.parse(line, defaultZone: utc).get()
        #expect(dateline.date == instant(expected))
    }

    @Test func datelineWithoutZoneUsesTheSiteTimeZone() throws {
        let dateline = try Dateline.parse("Tuesday, 02 January 2024 12:17", defaultZone: #require(TimeZone(identifier: "Europe/Berlin"))).get()
        #expect(dateline.date == instant("2024-01-02T11:17:00Z"))
    }

    @Test func weekdayMismatchIsAWarningNotAnError() throws {
        let text = Self.dump.replacingOccurrences(of: "Tuesday, 02", with: "Monday, 02")
        let outcome = parseWire("\n\n" + text, path: "2024/01/mismatch.txt")
        let article = try #require(outcome.article)
        #expect(article.date == instant("2024-01-02T12:17:00Z"))
        #expect(errors(outcome).isEmpty)
        let warning = try #require(warnings(outcome).first)
        #expect(warning.line == 3)
        #expect(warning.message.contains("Monday"))
        #expect(warning.message.contains("Tuesday"))
    }

    @Test(arguments: ["2024-01-02 12:17", "Tuesday 02 January 2024", "Tuesday, 02 Janvier 2024 12:17 GMT",
                      "Someday, 02 January 2024 12:17 GMT", "Tuesday, 02 January 24 12:17 GMT", "Tuesday, 02 January 2024 12h17 GMT",
                      "Ferry crews agree new rota"])
    func unknownDatelineIsAnErrorNamingTheLine(line: String) {
        let outcome = parseWire("\n\(line)\n\nTitle\n\nBody.\n", path: "2024/01/bad.txt")
        #expect(outcome.article == nil)
        let error = errors(outcome).first
        #expect(error?.path == "2024/01/bad.txt")
        #expect(error?.line == 2)
        #expect(error?.message.contains("dateline") == true)
    }

    @Test(arguments: ["Wednesday, 30 February 2024 12:17 GMT", "Tuesday, 02 January 2024 25:17 GMT", "Tuesday, 02 January 2024 12:17 XYZ"])
    func impossibleDatelinesAreErrors(line: String) {
        let outcome = parseWire("\(line)\n\nTitle\n\nBody.\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).map(\.line) == [1])
    }

    @Test func missingTitleIsAnError() {
        let outcome = parseWire("Tuesday, 02 January 2024 12:17 GMT\n\n\n")
        #expect(outcome.article == nil)
        #expect(errors(outcome).count == 1)
    }

    // MARK: Body is literal text

    @Test func markdownLookalikesAndHTMLStayLiteralAndEscaped() throws {
        let text = """
        Tuesday, 02 January 2024 12:17 GMT

        Markup <b>in</b> the title & more

        # not a heading

        * not a list item

        1. not a numbered item

        Text with <b>bold</b> & <script>alert("x")</script> and [a](javascript:alert(1)) and *stars*.
        """
        let article = try #require(parseWire(text).article)
        #expect(article.title == "Markup <b>in</b> the title & more")
        #expect(article.bodyHTML == """
        <p># not a heading</p>
        <p>* not a list item</p>
        <p>1. not a numbered item</p>
        <p>Text with &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; and [a](javascript:alert(1)) and *stars*.</p>

        """)
        for tag in ["<h1", "<ul", "<ol", "<li", "<em", "<b>", "<script", "<a "] {
            #expect(!article.bodyHTML.contains(tag))
        }
    }

    @Test func parenthesesThatAreNotAnAgencyTagStay() throws {
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\n(updated) Ferry news.\n"
        let article = try #require(parseWire(text).article)
        #expect(article.source == nil)
        #expect(article.bodyHTML == "<p>(updated) Ferry news.</p>\n")
    }

    // MARK: Summary

    @Test func longFirstParagraphIsCutNear40WordsAtAWordBoundary() throws {
        let words = (1...60).map { "word\($0)" }
        let text = "Tuesday, 02 January 2024 12:17 GMT\n\nTitle\n\n(SOUTHWIRE) " + words.joined(separator: " ") + "\n"
        let article = try #require(parseWire(text).article)
        #expect(article.summary == words.prefix(40).joined(separator: " ") + "…")
    }

    @Test func summaryDropsTrailingPunctuationAtTheCut() {
        let words = (1...60).map { $0 == 40 ? "word40," : "word\($0)" }
        #expect(Summary.make(from: words.joined(separator: " ")) == (1...40).map { "word\($0)" }.joined(separator: " ") + "…")
    }

    @Test func shortFirstParagraphIsTheWholeSummary() throws {
        let paragraph = (1...44).map { "w\($0)" }.joined(separator: " ")
        #expect(Summary.make(from: paragraph) == paragraph)
        #expect(Summary.make(from: "Line one\nline   two") == "Line one line two")
    }

    @Test func summaryCutsAtExactly46Words() {
        let words = (1...46).map { "w\($0)" }
        #expect(Summary.make(from: words.prefix(45).joined(separator: " ")) == words.prefix(45).joined(separator: " "))
        #expect(Summary.make(from: " \t" + words.joined(separator: "\u{3000}") + " ") == words.prefix(40).joined(separator: " ") + "…")
    }

    @Test func wordsAreCountedAsRunsBetweenSeparators() {
        let separators: Set<UInt8> = [0x20, 0x0A, 0x09, 0x0D, 0x0C]
        for text in ["", " ", "one", " one  two\tthree\nfour\r\nfive\u{0C}six ", "a\u{0B}b", "x\u{A0}y é\u{2003}z", "  \n\t "] {
            let expected = text.utf8.split(whereSeparator: separators.contains).count
            #expect(Words.count(text) == expected, "\(text.utf8.map { $0 })")
        }
        let everyByte = String(decoding: (0..<128).map { UInt8($0) } + Array("a b".utf8), as: UTF8.self)
        #expect(Words.count(everyByte) == everyByte.utf8.split(whereSeparator: separators.contains).count)
    }

    @Test func summaryWhitespaceIsUnicodeWhiteSpace() {
        let differing = (0..<0x3100).compactMap(Unicode.Scalar.init).filter { Summary.isWhitespace($0) != $0.properties.isWhitespace }
        #expect(differing.isEmpty, "\(differing.map(\.value))")
    }

    @Test func trimmingSpacesTrimsAsFoundationDoes() {
        for text in ["", " ", "\t a b \t", "\u{A0}x\u{3000}", " \nx\n ", "\u{2009}é\u{301} ", "a\u{200B}", " \u{301}x", "\r\n x \u{2028}"] {
            #expect(String(text.trimmingSpaces) == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
            #expect(String(text.trimmingSpacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.unicodeScalars.map(\.value))")
        }
        let differing = (0..<0x3100).compactMap(Unicode.Scalar.init).filter { scalar in
            let text = "\(scalar)x\(scalar)"
            return String(text.trimmingSpaces) != text.trimmingCharacters(in: .whitespaces)
                || String(text.trimmingSpacesAndNewlines) != text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(differing.isEmpty, "\(differing.map(\.value))")
    }

    @Test func sourceIDMustLookLikeAnIDLine() {
        let matcher = TrailerMatcher(patterns: SiteConfig.defaultTrailerPatterns)
        #expect(matcher.sourceID(in: ["", "SOUTHWIRE11022024000099ID42"]) == "SOUTHWIRE11022024000099ID42")
        #expect(matcher.sourceID(in: ["IDEA", "ID 42", "Search", "AGENCYID12"]) == nil)
    }
}
