import Testing
import Yams
@testable import BroadsheetKit

/// Plain front matter read without Yams (`PlainYAML`) must read exactly as Yams reads it,
/// and anything else must be left to Yams.
@Suite("Plain front matter")
struct PlainYAMLTests {
    /// What the rest of the build sees of an entry.
    struct Seen: Equatable {
        var key: String
        var line, column, valueLine: Int
        var valueColumn: Int?
        var kind: String
        var texts: [String]

        init(_ entry: YAMLMapping.Entry) {
            key = entry.key
            line = entry.line
            column = entry.column
            valueLine = entry.valueLine
            valueColumn = entry.valueColumn
            kind = entry.value.kindName
            texts = entry.value.scalar.map { [$0.string] } ?? entry.value.sequence?.map { $0.scalar?.string ?? "<\($0.kindName)>" } ?? []
        }
    }

    static func yams(_ yaml: String) -> [Seen]? {
        try? YAMLMapping.parseWithYams(yaml, path: "a.md", lineOffset: 1).get().entries.map(Seen.init)
    }

    static func plain(_ yaml: String) -> [Seen]? {
        PlainYAML.entries(yaml, lineOffset: 1)?.map(Seen.init)
    }

    @Test(arguments: [
        "title: \"Night trains return\"\ndate: 2024-01-02T08:30:00Z\ntopics: [Energy, Transport]\nauthor: 'A. Writer'",
        "title: Night trains return to the valley, at last\ndate: 2024-01-02",
        "title:    spaced   out   \n\n   \ndraft: true\n",
        "topics: []\ntags: [ a ,b-c , d.e ]\nsummary: \"\"\nslug: night-trains_2",
        "time: 12:30\nurl: https://example.org/a?b\nnote: it's (nearly) done!",
        "",
        "\n\n",
    ])
    func plainFrontMatterReadsAsYamsReadsIt(_ yaml: String) throws {
        let plain = try #require(Self.plain(yaml), "read without Yams")
        #expect(plain == Self.yams(yaml))
    }

    @Test(arguments: [
        "# a comment\ntitle: a",
        "title: a # a comment",
        "title:a",
        "title: a: b",
        "title: ends with a colon:",
        "title:\ttab",
        "title: a\r\ndate: b",
        "title: a\n  continued",
        "title: \"say \\\"hi\\\"\"",
        "title: 'it''s'",
        "title: Café",
        "title: a\ntitle: b",
        "title:",
        "topics: [a, [b]]",
        "topics: [\"a\", b]",
        "topics: [a, b,]",
        "topics: [a: b]",
        "topics:\n  - a\n  - b",
        "params:\n  key: value",
        "title: *alias",
        "title: &anchor a",
        "title: !tag a",
        "title: |\n  block",
        "title: >\n  folded",
        "map: {a: b}",
        "? complex key\n: value",
        "%YAML 1.2\n---\ntitle: a",
        "- a list",
        "  title: indented",
        "title: \"unclosed",
        "title: -starts with a dash",
    ])
    func anythingElseIsLeftToYams(_ yaml: String) {
        #expect(Self.plain(yaml) == nil)
    }

    /// Random lines built from the characters that decide what YAML means, near the edge of
    /// what is plain: whatever is read without Yams must be read as Yams reads it.
    @Test func randomFrontMatterIsReadAsYamsReadsItOrLeftToIt() {
        var random = Seeded(state: 7)
        let plainPieces = ["a", "Z9", " ", ":", ",", "-", ".", "'", "?", "!", "(", "/", "x y", "  "]
        let edgePieces = [": ", "[", "]", "\"", "#", "\\", "*", "&", "\t", "é", "{", "|", "~", "%", "@", "`"]
        var plainCount = 0
        for _ in 0..<3000 {
            let lines = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                let key = ["title", "date", "topics", "a_b", "x-y", " k", "9", "title"].randomElement(using: &random) ?? "k"
                var value = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                    (Int.random(in: 0..<8, using: &random) == 0 ? edgePieces : plainPieces).randomElement(using: &random) ?? ""
                }.joined()
                switch Int.random(in: 0..<4, using: &random) {
                case 0: value = "\"\(value)\""
                case 1: value = "[\(value)]"
                case 2: value = "'\(value)'"
                default: break
                }
                return "\(key):\(Bool.random(using: &random) ? " " : "  ")\(value)"
            }
            let yaml = lines.joined(separator: "\n")
            guard let plain = Self.plain(yaml) else { continue }
            plainCount += 1
            #expect(plain == Self.yams(yaml), "\(yaml)")
        }
        #expect(plainCount > 300)
    }
}
