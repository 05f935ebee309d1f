import Foundation
import Testing
@testable import BroadsheetKit

/// `broadsheet new`: the scaffold it writes, and that it never overwrites.
@Suite struct NewArticleTests {
    @Test func theScaffoldIsAnArticleThatParsesBackToWhatWasAsked() throws {
        let scaffold = try ArticleScaffold(title: "Zürich trams \"go\" electric", topics: ["Transport", " Energy "],
                                           date: "2024-03-05T09:30:00Z", now: Date(timeIntervalSince1970: 0))
        #expect(scaffold.path == "2024/03/zurich-trams-go-electric.md")
        let outcome = parseMarkdown(scaffold.text, path: scaffold.path)
        let article = try #require(outcome.article)
        #expect(article.title == "Zürich trams \"go\" electric")
        #expect(article.topics == ["Transport", "Energy"])
        #expect(article.date == instant("2024-03-05T09:30:00Z"))
        #expect(outcome.diagnostics.isEmpty)
    }

    @Test func withoutADateItIsDatedNow() throws {
        let now = instant("2026-11-27T08:00:00Z")
        let scaffold = try ArticleScaffold(title: "Storm", topics: [], date: nil, now: now)
        #expect(scaffold.path == "2026/11/storm.md")
        #expect(parseMarkdown(scaffold.text, path: scaffold.path).article?.date == now)
    }

    @Test(arguments: ["", "   "])
    func anEmptyTitleIsRefused(_ title: String) {
        #expect(throws: UsageError.self) { try ArticleScaffold(title: title, topics: [], date: nil, now: Date()) }
    }

    @Test(arguments: ["tomorrow", "2023-02-30", "2024-13-01"])
    func aBadDateIsRefused(_ date: String) {
        #expect(throws: UsageError.self) { try ArticleScaffold(title: "Storm", topics: [], date: date, now: Date()) }
    }

    @Test(.enabled(if: broadsheetExecutable != nil, "needs the broadsheet executable"))
    func theCommandPrintsThePathAndNeverOverwrites() throws {
        try withTemporaryFolder { folder in
            let arguments = ["new", "Night trains return", "--topics", "Transport", "--date", "2024-01-02", "--content", "Content"]
            let first = try #require(try runBroadsheet(arguments, in: folder))
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout == "Content/2024/01/night-trains-return.md\n")
            let file = folder.appendingPathComponent("Content/2024/01/night-trains-return.md")
            try "edited by hand\n".write(to: file, atomically: true, encoding: .utf8)
            let second = try #require(try runBroadsheet(arguments, in: folder))
            #expect(second.status == 64)
            #expect(second.stderr.contains("already exists"))
            #expect(try String(contentsOf: file, encoding: .utf8) == "edited by hand\n")
        }
    }
}
