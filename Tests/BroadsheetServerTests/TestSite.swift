import BroadsheetKit
import BroadsheetServer
import Foundation

/// A tiny site in a temporary folder: two articles, the six required templates,
/// a few static files of different types, and a secret file next to the output
/// folder that the server must never hand out.
struct TestSite: Sendable {
    let root: URL
    static let secret = "TOP-SECRET-NOT-FOR-THE-WEB"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("broadsheet-serve-\(UUID().uuidString)")
        try write("site.yml", "title: Test Harbour\nbase_url: https://example.org/\n")
        try write("secret.txt", Self.secret)
        try write("Content/harbour.md", Self.article("Harbour opens", day: "2026-03-02", body: "The harbour opened at dawn."))
        try write("Content/ferry.md", Self.article("Ferry returns", day: "2026-03-03", body: "The ferry is back."))
        let page = "<!DOCTYPE html>\n<html>\n<head><link rel=\"stylesheet\" href=\"{{root}}style.css\"></head>\n<body>\n"
        for name in ["list", "topics", "archive", "search"] {
            try write("Templates/\(name).mustache", page + "<h1>{{title}}</h1>\n</body>\n</html>\n")
        }
        try write("Templates/article.mustache", page + "{{#article}}<h1>{{title}}</h1>\n{{{body}}}{{/article}}\n</body>\n</html>\n")
        try write("Templates/404.mustache", page + "<h1>Nothing here</h1>\n</body>\n</html>\n")
        try write("Templates/static/style.css", "body { margin: 0; }\n")
        try write("Templates/static/app.js", "console.log(1);\n")
        try write("Templates/static/data.json", "{\"a\": 1}\n")
        try write("Templates/static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try write("Templates/static/pic.png", String(decoding: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], as: UTF8.self))
    }

    static func article(_ title: String, day: String, body: String) -> String {
        "---\ntitle: \"\(title)\"\ndate: \(day)\n---\n\n\(body)\n"
    }

    var output: URL { root.appendingPathComponent("Public") }

    var options: BuildOptions {
        BuildOptions(content: root.appendingPathComponent("Content"), templates: root.appendingPathComponent("Templates"),
                     output: output, config: root.appendingPathComponent("site.yml"))
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// What a preview server reported, for tests to wait on.
actor EventLog {
    private(set) var builds = 0
    private(set) var failures: [[Diagnostic]] = []
    private(set) var port: Int?

    func record(_ event: PreviewServer.Event) {
        switch event {
        case .built: builds += 1
        case .failed(let diagnostics): failures.append(diagnostics)
        case .listening(let url): port = URL(string: url)?.port
        }
    }
}

extension TestSite {
    /// A server for this site that polls quickly, built once, with its event log.
    func server(host: String = "127.0.0.1") async throws -> (PreviewServer, EventLog) {
        let log = EventLog()
        let server = PreviewServer(options: options, host: host, port: 0, pollInterval: .milliseconds(100)) { event in
            Task { await log.record(event) }
        }
        try await server.build()
        try await eventually { await log.builds == 1 }
        return (server, log)
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Waits until `condition` holds, checking every 50 ms for at most `seconds`.
func eventually(_ what: String = "condition", seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TimedOut(description: "timed out after \(seconds) s waiting for \(what)")
}
