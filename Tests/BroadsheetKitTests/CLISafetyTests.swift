import Foundation
import Testing
@testable import BroadsheetKit

/// Exit statuses and messages of the real `broadsheet` executable, run as a user would.
/// Skipped when the executable has not been built (`swift test` builds it); the same
/// guarantees are checked in-process through `BuildFailure` and `UsageError` elsewhere.
@Suite(.enabled(if: broadsheetExecutable != nil, "needs the broadsheet executable that swift build puts in .build"))
struct CLISafetyTests {
    static let folders = ["--content", "Content", "--templates", "Templates", "--config", "site.yml", "--output", "Public"]

    @Test func contentErrorsExitOneWithEveryErrorOnStandardErrorAndTheOutputUntouched() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let before = try FolderSnapshot(site.output)
            try FileManager.default.copyItem(at: adversarialFolder.appendingPathComponent("errors"), to: site.content.appendingPathComponent("errors"))
            let expected = try #require(throws: BuildFailure.self) { try Builder(site.options()).build() }

            let result = try #require(try runBroadsheet(["build"] + Self.folders, in: site.root))
            #expect(result.status == 1)
            let lines = result.stderr.split(separator: "\n").map(String.init)
            #expect(Array(lines.dropLast()) == expected.diagnostics.map(\.description))
            #expect(lines.last == "error: build failed with \(expected.diagnostics.count) errors; Public is unchanged")
            for line in lines.dropLast() {
                #expect(line.range(of: #"^errors/[^:]+:\d+:\d+: error: .+; expected .+$"#, options: .regularExpression) != nil, "\(line)")
            }
            #expect(result.stdout.isEmpty)
            let after = try FolderSnapshot(site.output)
            #expect(after == before, "\(after.differences(from: before))")
        }
    }

    @Test func keepGoingExitsZeroAndReportsTheBrokenFilesAsWarnings() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["errors"], in: folder)
            let result = try #require(try runBroadsheet(["build", "--keep-going"] + Self.folders, in: site.root))
            #expect(result.status == 0, "\(result.stderr)")
            let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("errors/") }
            #expect(warnings.count == SafetyTests.expectedErrors.count)
            #expect(warnings.allSatisfy { $0.contains(": warning: ") })
            #expect(result.stdout.hasPrefix("7 articles: "))
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path))
        }
    }

    @Test func refusedOutputFoldersExitSixtyFourAndNothingIsTouched() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let home = folder.appendingPathComponent("home")
            try writeTree(["notes.txt": "mine\n"], into: home)
            try writeTree(["draft.txt": "mine\n"], into: site.output)
            let before = try FolderSnapshot(folder)
            let cases: [[String]] = [
                ["--output", "Public"],                       // not empty, no manifest, no --force
                ["--output", ".", "--force"],                 // the project folder (current directory)
                ["--output", home.path, "--force"],           // the home folder
                ["--output", "Content", "--force"],           // the content folder
                ["--output", "Templates/..", "--force"],      // a folder containing content and templates
                ["--output", "..", "--force"],                // further up
            ]
            for arguments in cases {
                let result = try #require(try runBroadsheet(["build", "--content", "Content", "--templates", "Templates", "--config", "site.yml"] + arguments,
                                                            in: site.root, home: home))
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
                #expect(result.stderr.hasPrefix("error: refusing to build into "), "\(arguments): \(result.stderr)")
                let after = try FolderSnapshot(folder)
                #expect(after == before, "\(arguments) touched \(after.differences(from: before))")
            }
        }
    }

    @Test func theFileSystemRootIsRefusedBeforeAnythingIsRead() throws {
        // The content is broken on purpose: an implementation that forgot to refuse `/`
        // stops at the content error (exit 1) instead of writing anything there.
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["broken.md": "no front matter\n"])
            let result = try #require(try runBroadsheet(["build", "--content", "Content", "--templates", "Templates", "--output", "/", "--force"], in: site.root))
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("the file system root"))
        }
    }

    @Test func aYAMLBombAndHugeFrontMatterFailQuicklyWithBoundedMemory() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write([
                "bomb.md": ContentSafetyTests.billionLaughs(asKey: false),
                "bomb-key.md": ContentSafetyTests.billionLaughs(asKey: true),
            ])
            try writeTree(["huge.md": Array(("---\ntitle: Huge\ndate: 2024-01-02\nfiller: " + String(repeating: "x", count: 10 << 20) + "\n---\nBody\n").utf8)],
                          into: site.content)
            let clock = ContinuousClock()
            let start = clock.now
            let result = try #require(try runBroadsheet(["build"] + Self.folders, in: site.root, limit: 30))
            #expect(clock.now - start < .seconds(10))
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains("bomb.md:"))
            #expect(result.stderr.contains("bomb-key.md:"))
            #expect(result.stderr.contains("huge.md:1:1: error: the file is 10 MB"))
            // The largest child this test process has waited for, this one included.
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            #expect(usage.ru_maxrss < 400 * 1024, "a child used \(usage.ru_maxrss / 1024) MB")
        }
    }
}
