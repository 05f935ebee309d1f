import Foundation
import Testing
@testable import BroadsheetKit

/// What `make fuzz` (fuzz/Fuzz.swift) found, kept so it stays fixed.
@Suite struct FuzzFindingsSafetyTests {
    /// Found by the fuzzer: a control character in front matter is a libyaml *reader*
    /// error, which was reported with Yams' own description: at the fence line, over three
    /// lines, quoting the raw line (control characters and all) to the terminal.
    @Test(arguments: [
        // crash-749f0615…: NUL bytes after a BOM and CRLF
        ([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Line endin".utf8) + [UInt8](repeating: 0, count: 12) + Array("gs\r\ndate: 2024-03-04\r\n---\r\nBody\r\n".utf8), 2, 18),
        // crash-3c4807c4…: control characters inside the date
        (Array("---\ntitle: Anchors\ndate: 20".utf8) + [0x01, 0x00, 0x00, 0x1A] + Array("3-04\nbase: &b [a, b]\nmore: *b\n---\nBody\n".utf8), 3, 9),
        // an escape sequence that would retitle the terminal
        (Array("---\ntitle: A\nsummary: x\u{1B}]0;pwned\u{07}\ndate: 2024-01-02\n---\n".utf8), 3, 11),
    ])
    func aControlCharacterInFrontMatterIsOneErrorAtItsPosition(bytes: [UInt8], line: Int, column: Int) throws {
        let outcome = parseFile(bytes, path: "2024/03/control.md")
        #expect(outcome.article == nil)
        let error = try #require(errors(outcome).first)
        #expect(errors(outcome).count == 1)
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.message.contains("; expected printable text"), "\(error)")
        #expect(!error.description.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(error.description.debugDescription)")
    }

    @Test func aControlCharacterInSiteYMLIsOneErrorAtItsPosition() throws {
        let failure = try #require(throws: BuildFailure.self) { try SiteConfig.parse("title: News\ndescription: a\u{1B}[2Jb\n", path: "site.yml").get() }
        #expect(failure.description == #"site.yml:2:15: error: invalid YAML (control characters are not allowed: U+001B); expected printable text"#)
    }

    /// Values and file names quoted in messages cannot put control characters (or line
    /// breaks) on the terminal: a printed diagnostic is one line of printable text.
    @Test func controlCharactersInQuotedValuesAndFileNamesArePrintedEscaped() throws {
        let outcome = parseMarkdown("---\ntitle: A\ndate: \"2024\\e[31m\\nred\"\n---\n", path: "2024/01/x\u{1B}]0;name\u{07}.md")
        let error = try #require(errors(outcome).first)
        #expect(error.message.contains("\u{1B}"))   // the message keeps the value as it is ...
        #expect(error.description == #"2024/01/x\u{1B}]0;name\u{7}.md:3:7: error: the date "2024\u{1B}[31m\u{A}red" is not a valid date; "# + DateParser.expected)
        let wire = parseWire("Tuesday,\u{1B}[2J 02 January 2024 12:17 GMT\n\nTitle\n", path: "w.txt")
        let printed = try #require(errors(wire).first).description
        #expect(!printed.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(printed.debugDescription)")
    }
}
