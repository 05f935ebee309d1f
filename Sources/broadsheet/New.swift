import ArgumentParser
import BroadsheetKit
import Foundation

extension Broadsheet {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new markdown article into Content/YYYY/MM/slug.md and print its path.")

        @Argument(help: "The article's title.")
        var title: String

        @Option(help: "Comma-separated topics, e.g. Energy,Transport.")
        var topics: String?

        @Option(help: "Date, e.g. 2024-01-02 or 2024-01-02T12:17:00Z (default: now).")
        var date: String?

        @Option(help: "Folder of articles.")
        var content = "Content"

        func run() throws {
            let scaffold: ArticleScaffold
            do {
                scaffold = try ArticleScaffold(title: title, topics: topics?.split(separator: ",").map(String.init) ?? [],
                                               date: date, now: Date())
            } catch {
                throw ValidationError(error.message)
            }
            let url = URL(fileURLWithPath: content).appendingPathComponent(scaffold.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                try Data(scaffold.text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                Terminal.error("\(url.path) already exists; it is left as it is (choose another title or --date)")
                throw ExitCode(64)
            }
            print(content + "/" + scaffold.path)
        }
    }
}
