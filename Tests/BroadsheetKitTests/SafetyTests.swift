import Foundation
import Testing
@testable import BroadsheetKit

// The "Safety" section of the spec, one guarantee per test. The suites are split by
// theme across `*SafetyTests.swift`; `swift test --filter SafetyTests` runs them all.
// Hostile inputs live in `Fixtures/adversarial/`:
//   errors/  one broken article per file, each with a known position (see `expectedErrors`)
//   fine/    a byte order mark, CRLF and CR line endings, which must simply work
//   hostile/ markup, scripts and script URLs in every field an article has
//   paths/   slugs, titles and topics that try to leave the output folder

/// Reporting content errors: where, what, what was expected, all at once, sorted.
@Suite struct SafetyTests {
    /// Each file of `Fixtures/adversarial/errors`, with the position of its error and a
    /// word of the message. Lines are file lines (the line of the bad key, never the fence
    /// unless the fence is the problem); columns are 1-based, counted in bytes, a BOM excluded.
    static let expectedErrors: [(path: String, line: Int, column: Int, fragment: String)] = [
        ("errors/01-invalid-utf8.md", 2, 11, "not valid UTF-8"),
        ("errors/02-empty.md", 1, 1, "empty"),
        ("errors/03-whitespace-only.txt", 1, 1, "empty"),
        ("errors/04-no-front-matter.md", 1, 1, "does not start with front matter"),
        ("errors/05-unclosed-front-matter.md", 1, 1, "never closed"),
        ("errors/06-yaml-list.md", 2, 1, "not a mapping"),
        ("errors/07-yaml-scalar.md", 2, 1, "not a mapping"),
        ("errors/08-missing-title.md", 1, 1, "no `title`"),
        ("errors/09-date-2024-13-45.md", 4, 7, "\"2024-13-45\" is not a valid date"),
        ("errors/10-date-2023-02-30.md", 3, 7, "\"2023-02-30\" is not a valid date"),
        ("errors/11-date-tomorrow.md", 5, 10, "\"tomorrow\" is not a valid date"),
        ("errors/12-duplicate-key.md", 4, 1, "`title` appears twice"),
        ("errors/13-yaml-syntax.md", 4, 13, "invalid YAML"),
        ("errors/14-unclosed-quote.md", 2, 8, "invalid YAML"),
        ("errors/15-no-dateline.txt", 3, 1, "dateline"),
        ("errors/16-impossible-dateline.txt", 1, 1, "not a calendar date"),
        ("errors/17-bom-crlf-bad-date.md", 3, 7, "\"2024-02-31\" is not a valid date"),
        ("errors/18-title-is-a-list.md", 2, 8, "`title` is a list"),
        ("errors/19-wire-without-title.txt", 2, 1, "no title"),
        ("errors/sub/20-no-title-and-bad-date.md", 1, 1, "no `title`"),
        ("errors/sub/20-no-title-and-bad-date.md", 3, 7, "\"2024-00-10\" is not a valid date"),
    ]

    @Test func everyContentErrorIsReportedAtItsLineAndColumnWithWhatWasExpected() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["errors"], in: folder)
            let failure = try #require(throws: BuildFailure.self) { try site.build() }
            let found = failure.diagnostics
            #expect(found.count == Self.expectedErrors.count, "\(failure)")
            for (expected, diagnostic) in zip(Self.expectedErrors, found) {
                let location = "\(expected.path):\(expected.line):\(expected.column): error: "
                #expect(diagnostic.description.hasPrefix(location), "expected \(location)… got \(diagnostic)")
                #expect(diagnostic.message.contains(expected.fragment), "\(diagnostic)")
                // what is wrong; what was expected
                #expect(diagnostic.message.contains("; expected "), "\(diagnostic)")
                #expect(!diagnostic.message.contains("\n"), "one line per problem: \(diagnostic)")
            }
        }
    }

    @Test func allErrorsOfARunAreReportedSortedByPath() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["errors"], in: folder)
            // Also errors in folders that sort before and after, so the order is not the walk order.
            try site.write(["0-first/bad.md": "---\ntitle: A\ndate: 2024-99-01\n---\n", "zz-last/bad.txt": "not a dateline\n\nTitle\n"])
            let failure = try #require(throws: BuildFailure.self) { try site.build() }
            let paths = failure.diagnostics.map(\.path)
            #expect(paths == paths.sorted())
            #expect(paths.first == "0-first/bad.md")
            #expect(paths.last == "zz-last/bad.txt")
            let files = try filePaths(in: site.content.appendingPathComponent("errors")).map { "errors/" + $0 }
            #expect(Set(paths).isSuperset(of: files), "every broken file is reported in the same run")
            // The printed form is one line per problem, in that order.
            #expect(failure.description.split(separator: "\n").map(String.init) == failure.diagnostics.map(\.description))
        }
    }

    @Test func aByteOrderMarkAndCRLFOrCRLineEndingsAreFine() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["fine"], in: folder)
            let report = try site.build()
            #expect(report.diagnostics.filter { $0.path.hasPrefix("fine/") }.isEmpty)
            let output = try site.outputTree()
            let markdown = try #require(output.text("2024/02/03/windows-story-with-a-bom/index.html"))
            #expect(markdown.contains("<p>First line</p>") && markdown.contains("<p>Second paragraph.</p>"))
            let wire = try #require(output.text("2024/02/03/wire-story-with-a-bom/index.html"))
            #expect(wire.contains("Harbour cranes were tested."))
            #expect(!wire.contains("Legal Disclaimer"))
            #expect(output["2024/02/03/old-mac-line-endings/index.html"] != nil)
            for (path, bytes) in output where path.hasSuffix(".html") || path.hasSuffix(".xml") {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains("\r"), "\(path) carries a carriage return")
                #expect(!text.contains("\u{FEFF}"), "\(path) carries a byte order mark")
            }
        }
    }

    @Test(arguments: [
        // an unclosed flow list: the key's line, not the closing fence
        ("---\ntitle: A\ndate: 2024-01-02\ntopics: [Energy, Oil\n---\nBody\n", 4),
        // an unclosed quote on the last key
        ("---\ntitle: A\ndate: 2024-01-02\nsummary: \"never closed\n---\nBody\n", 4),
        // a tab where indentation was expected, after a block scalar
        ("---\ntitle: A\nsummary: |\n  Two lines\n  of summary\ndate: 2024-01-02\n\tauthor: B\n---\n", 7),
        // a bad date below a multi-line value
        ("---\ntitle: A\nsummary: >\n  folded\n  text\ndate: 2024-02-30\n---\n", 6),
    ])
    func frontMatterErrorsPointAtTheBadKeyNotAtAFence(text: String, line: Int) throws {
        let outcome = parseFile(Array(text.utf8), path: "2024/01/a.md")
        #expect(outcome.article == nil)
        let error = try #require(errors(outcome).first)
        #expect(error.line == line, "\(error)")
        #expect(error.column != nil, "\(error)")
        #expect(error.message.contains("; expected "), "\(error)")
    }
}

// MARK: - Helpers shared by the safety suites

let adversarialFolder = testsFolder.appendingPathComponent("Fixtures/adversarial")
/// The repository itself, where `Templates/` (the default theme) and `.build/` live.
let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

extension SiteFolders {
    /// The basic fixture with each `Fixtures/adversarial/<name>/` copied into `Content/<name>/`.
    static func withAdversarial(_ names: [String], in folder: URL) throws -> SiteFolders {
        let site = try SiteFolders.fixture("basic", in: folder)
        for name in names {
            try FileManager.default.copyItem(at: adversarialFolder.appendingPathComponent(name),
                                             to: site.content.appendingPathComponent(name))
        }
        return site
    }

    func options(force: Bool, output: URL? = nil, keepGoing: Bool = false) -> BuildOptions {
        var options = options(keepGoing: keepGoing, output: output)
        options.force = force
        return options
    }
}

/// Everything under a folder, hidden entries and folders included: bytes and
/// modification times of files (to the nanosecond), symlink targets, folder names.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    var files: [String: [UInt8]] = [:]
    var stamps: [String: [Int]] = [:]
    var links: [String: String] = [:]
    var folders: Set<String> = []

    init(_ root: URL) throws {
        let rootPath = root.standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: rootPath) else { return }
        var pending = [""]
        while let folder = pending.popLast() {
            let path = folder.isEmpty ? rootPath : rootPath + "/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                let relative = folder.isEmpty ? name : folder + "/" + name
                let absolute = rootPath + "/" + relative
                var info = stat()
                guard lstat(absolute, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    folders.insert(relative)
                    pending.append(relative)
                case S_IFLNK:
                    links[relative] = try FileManager.default.destinationOfSymbolicLink(atPath: absolute)
                default:
                    files[relative] = try [UInt8](Data(contentsOf: URL(fileURLWithPath: absolute)))
                    stamps[relative] = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
                }
            }
        }
    }

    /// What differs from `other`, for failure messages.
    func differences(from other: FolderSnapshot) -> [String] {
        var result: [String] = []
        for path in Set(files.keys).union(other.files.keys).sorted() {
            if files[path] == nil { result.append("- \(path)") } else if other.files[path] == nil { result.append("+ \(path)") }
            else if files[path] != other.files[path] { result.append("bytes \(path)") }
            else if stamps[path] != other.stamps[path] { result.append("mtime \(path)") }
        }
        for folder in folders.symmetricDifference(other.folders).sorted() { result.append("folder \(folder)") }
        for link in Set(links.keys).union(other.links.keys).sorted() where links[link] != other.links[link] { result.append("link \(link)") }
        return result
    }

    var description: String { "\(files.count) files, \(folders.count) folders, \(links.count) links" }
}

/// A value to carry out of a thread.
final class Slot<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Runs `work` on a thread of its own and waits at most `limit`. Past the limit it records
/// an issue and returns nil, abandoning the thread: a hang fails the test instead of
/// stalling the whole run. Returns the value and the time it took.
func withinTimeLimit<T>(_ limit: Duration, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                        _ work: @escaping @Sendable () -> T) -> (value: T, elapsed: Duration)? {
    let slot = Slot<(T, Duration)>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let clock = ContinuousClock()
        let start = clock.now
        let value = work()
        slot.value = (value, clock.now - start)
        done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
    guard done.wait(timeout: .now() + seconds) == .success, let result = slot.value else {
        Issue.record("\(what) took longer than \(limit)", sourceLocation: sourceLocation)
        return nil
    }
    #expect(result.1 < limit, "\(what) took \(result.1)", sourceLocation: sourceLocation)
    return result
}

// MARK: The command line

/// The `broadsheet` executable that `swift build` / `swift test` built beside the test
/// bundle (or in `.build/debug`), if there is one.
let broadsheetExecutable: URL? = {
    var candidates: [URL] = []
    if let runner = Bundle.main.executableURL { candidates.append(runner.deletingLastPathComponent().appendingPathComponent("broadsheet")) }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/broadsheet"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `broadsheet` with `arguments` in `directory`; nil (with an issue) when it runs past `limit`.
func runBroadsheet(_ arguments: [String], in directory: URL, home: URL? = nil, limit: TimeInterval = 60,
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult? {
    let executable = try #require(broadsheetExecutable, sourceLocation: sourceLocation)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    if let home { environment["HOME"] = home.path }
    process.environment = environment
    let capture = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let out = capture.appendingPathComponent("out"), err = capture.appendingPathComponent("err")
    for file in [out, err] where !FileManager.default.createFile(atPath: file.path, contents: nil) {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(limit)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        Issue.record("broadsheet \(arguments.joined(separator: " ")) ran longer than \(limit) s", sourceLocation: sourceLocation)
        return nil
    }
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}
