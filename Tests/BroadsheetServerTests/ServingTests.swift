import BroadsheetKit
import BroadsheetServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Serving the output folder, through Hummingbird's in-process test client.
@Suite struct ServingTests {
    private func test(_ body: @escaping @Sendable (any TestClientProtocol, TestSite, EventLog) async throws -> Void) async throws {
        let site = try TestSite()
        defer { site.remove() }
        let (server, log) = try await site.server()
        try await server.makeApplication().test(.router) { client in try await body(client, site, log) }
    }

    @Test func contentTypesAndHeaders() async throws {
        try await test { client, _, _ in
            let expected = [
                "/": "text/html; charset=utf-8",
                "/2026/03/02/harbour-opens/": "text/html; charset=utf-8",
                "/2026/03/02/harbour-opens/index.html": "text/html; charset=utf-8",
                "/style.css": "text/css; charset=utf-8",
                "/app.js": "text/javascript; charset=utf-8",
                "/logo.svg": "image/svg+xml",
                "/feed.xml": "application/xml; charset=utf-8",
                "/sitemap.xml": "application/xml; charset=utf-8",
                "/data.json": "application/json",
                "/pic.png": "image/png",
            ]
            for (path, type) in expected {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == type, "\(path)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                    #expect(response.headers[.accessControlAllowOrigin] == nil, "\(path)")
                }
            }
        }
    }

    @Test func foldersMissesAndHiddenFiles() async throws {
        try await test { client, site, _ in
            try await client.execute(uri: "/2026/03/02/harbour-opens", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/2026/03/02/harbour-opens/")
            }
            try FileManager.default.createDirectory(at: site.output.appendingPathComponent("empty"), withIntermediateDirectories: true)
            for path in ["/missing.html", "/no/such/folder/", "/empty/", "/.broadsheet-manifest", "/__broadsheet/other"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                    #expect(String(buffer: response.body).contains("<h1>Nothing here</h1>"), "\(path)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
                }
            }
            try await client.execute(uri: "/missing.html", method: .head) { response in
                #expect(response.status == .notFound)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func headAndRefusedMethods() async throws {
        try await test { client, _, _ in
            let page = try await client.execute(uri: "/", method: .get)
            try await client.execute(uri: "/", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(page.body.readableBytes))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .options] {
                try await client.execute(uri: "/", method: method, body: ByteBuffer(string: "x")) { response in
                    #expect(response.status == .methodNotAllowed, "\(method)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                }
            }
        }
    }

    @Test func scriptIsInjectedIntoHTMLResponsesOnly() async throws {
        try await test { client, site, _ in
            let html = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(html.contains("/__broadsheet/events"))
            #expect(html.hasSuffix("</script>\n</body>\n</html>\n"), "script goes right before </body>")
            let disk = try #require(site.read("Public/index.html"))
            #expect(!disk.contains("__broadsheet"))
            let start = try #require(html.range(of: "<script>/* added by broadsheet serve"))
            let end = try #require(html.range(of: "</script>\n", range: start.upperBound..<html.endIndex))
            #expect(html.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "") == disk)
            let css = String(buffer: try await client.execute(uri: "/style.css", method: .get).body)
            #expect(css == "body { margin: 0; }\n")
            let range = try await client.execute(uri: "/", method: .get, headers: [.range: "bytes=0-14"])
            #expect(range.status == .partialContent)
            #expect(String(buffer: range.body) == "<!DOCTYPE html>")
        }
    }

    @Test func anEditIsServedWithinSeconds() async throws {
        try await test { client, site, log in
            try site.write("Content/.harbour.md.swp", "an editor's swap file")
            try await Task.sleep(for: .milliseconds(500))
            #expect(await log.builds == 1, "hidden files do not trigger a rebuild")
            try site.write("Content/harbour.md", TestSite.article("Harbour opens", day: "2026-03-02", body: "Now with a second quay."))
            try await eventually("the edit to be served") {
                String(buffer: try await client.execute(uri: "/2026/03/02/harbour-opens/", method: .get).body).contains("second quay")
            }
            try await eventually("one more build") { await log.builds == 2 }
            #expect(await log.failures.isEmpty)
        }
    }

    @Test func aBrokenArticleKeepsTheLastGoodSiteAndAFixRecovers() async throws {
        try await test { client, site, log in
            let page = "/2026/03/02/harbour-opens/"
            try site.write("Content/harbour.md", TestSite.article("Harbour opens", day: "2026-13-02", body: "Broken date."))
            try await eventually("the failed build") { await !log.failures.isEmpty }
            let diagnostics = try #require(await log.failures.first)
            #expect(diagnostics.contains { $0.path == "harbour.md" && $0.severity == .error })
            try await client.execute(uri: page, method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("opened at dawn"))
            }
            try site.write("Content/harbour.md", TestSite.article("Harbour opens", day: "2026-03-02", body: "Fixed and reopened."))
            try await eventually("the fix to be served") {
                String(buffer: try await client.execute(uri: page, method: .get).body).contains("Fixed and reopened")
            }
            #expect(await log.failures.count == 1)
        }
    }

    @Test func onlyLoopbackBindsAreTreatedAsLocal() {
        let options = TestSite.optionsForNames
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] {
            #expect(PreviewServer(options: options, host: host, report: { _ in }).isLoopback, "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "example.org", "127.0.0.1.example.org"] {
            #expect(!PreviewServer(options: options, host: host, report: { _ in }).isLoopback, "\(host)")
        }
    }
}

extension TestSite {
    /// Options for tests that never build.
    static var optionsForNames: BuildOptions {
        let here = URL(fileURLWithPath: "/nonexistent")
        return BuildOptions(content: here, templates: here, output: here, config: here)
    }
}
