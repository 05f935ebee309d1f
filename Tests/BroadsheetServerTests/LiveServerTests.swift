import BroadsheetServer
import Foundation
import Testing

/// A real server on 127.0.0.1 and a free port, spoken to over a plain socket: for
/// request targets and `Host` headers a client would not send, and the event stream.
@Suite(.serialized) struct LiveServerTests {
    private func live(_ body: @escaping @Sendable (Int, TestSite) async throws -> Void) async throws {
        let site = try TestSite()
        defer { site.remove() }
        let (server, log) = try await site.server()
        try await withLiveServer(server, log) { port in try await body(port, site) }
    }

    @Test func nothingOutsideTheOutputFolderIsServed() async throws {
        try await live { port, site in
            let output = site.output.path
            try FileManager.default.createSymbolicLink(atPath: output + "/leak.txt", withDestinationPath: site.root.path + "/secret.txt")
            try FileManager.default.createSymbolicLink(atPath: output + "/up", withDestinationPath: site.root.path)
            try FileManager.default.createSymbolicLink(atPath: output + "/etc", withDestinationPath: "/etc")
            try FileManager.default.createSymbolicLink(atPath: output + "/same.css", withDestinationPath: "style.css")
            let targets = [
                "/../secret.txt", "/../../../../../../etc/passwd", "/2026/../../secret.txt", "/./index.html",
                "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/2026/%2e%2e/%2e%2e/secret.txt",
                "/..%2fsecret.txt", "/..%2Fsecret.txt", "/2026%2f..%2f..%2fsecret.txt",
                "/..%5csecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
                "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/%25252e%25252e/secret.txt",
                "/%00", "/index.html%00.css", "/%",
                "//secret.txt", "//example.org/", "/2026//03/",
                "http://localhost/../secret.txt", "http://localhost/%2e%2e/secret.txt", "http://evil.example/../../etc/passwd",
                "file://\(site.root.path)/secret.txt", "file:///etc/passwd", "\(site.root.path)/secret.txt", "*",
                "/leak.txt", "/up/secret.txt", "/up/", "/etc/passwd", "/etc/",
            ]
            for target in targets {
                let response = try await rawRequest(port: port, "GET", target)
                #expect([400, 404].contains(response.status), "\(target) → \(response.status)")
                #expect(!response.body.contains(TestSite.secret) && !response.body.contains("root:"), "\(target) leaked")
                #expect(response.header("X-Content-Type-Options") == "nosniff", "\(target)")
                let after = try await rawRequest(port: port, "GET", "/style.css")
                #expect(after.status == 200, "the server stopped answering after \(target)")
            }
            let unparsable = try await rawRequest(port: port, "GET", "secret.txt")
            #expect(unparsable.status == 400 && !unparsable.body.contains(TestSite.secret), "refused by the HTTP parser")
            #expect(try await rawRequest(port: port, "GET", "/same.css").body == "body { margin: 0; }\n", "a symlink inside the output is fine")
        }
    }

    @Test func shutdownEndsOpenEventStreams() async throws {
        let site = try TestSite()
        defer { site.remove() }
        let (server, log) = try await site.server()
        let events = try await withLiveServer(server, log) { port in
            let events = try RawConnection(port: port)
            events.send("GET /__broadsheet/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await events.receive(until: "retry:").contains("retry: 1000"))
            return events
        }
        #expect(await events.receive(until: nil, seconds: 2).hasSuffix("0\r\n\r\n"), "the stream ends with the last chunk")
    }

    @Test func onlyLoopbackHostNamesAreAnswered() async throws {
        try await live { port, _ in
            for host in ["localhost", "localhost:\(port)", "LOCALHOST:8000", "127.0.0.1", "127.0.0.1:\(port)", "127.8.9.10:1", "[::1]", "[::1]:\(port)"] {
                #expect(try await rawRequest(port: port, "GET", "/", host: host).status == 200, "\(host)")
            }
            for host in ["evil.example", "evil.example:\(port)", "localhost.evil.example", "127.0.0.1.evil.example", "evil.localhost.example:80",
                         "192.168.1.10", "[::2]", "[::1].evil.example", "localhost:", "localhost:80x", "0.0.0.0", "127.0.0.256"] {
                let response = try await rawRequest(port: port, "GET", "/", host: host)
                #expect([403, 421].contains(response.status), "\(host) → \(response.status)")
                #expect(!response.body.contains("<h1>"), "\(host)")
            }
            #expect(try await rawRequest(port: port, "GET", "/", host: nil).status != 200, "no Host header at all")
            #expect(try await rawRequest(port: port, "GET", "/__broadsheet/events", host: "evil.example").status == 403)
        }
    }

    @Test func pagesHearAboutRebuildsAndErrors() async throws {
        try await live { port, site in
            let events = try RawConnection(port: port)
            events.send("GET /__broadsheet/events HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n")
            let opening = await events.receive(until: "retry:")
            #expect(opening.hasPrefix("HTTP/1.1 200"))
            #expect(RawResponse(opening).header("Content-Type") == "text/event-stream; charset=utf-8")

            try site.write("Content/ferry.md", TestSite.article("Ferry returns", day: "2026-03-03", body: "The ferry is back, twice a day."))
            #expect(await events.receive(until: "event: reload").contains("event: reload"))

            try site.write("Content/ferry.md", TestSite.article("Ferry returns", day: "2026-03-32", body: "Broken."))
            let failure = await events.receive(until: "\n\n")
            #expect(failure.contains("event: errors"))
            #expect(failure.contains("data: ferry.md:3:7: error:"))

            let late = try RawConnection(port: port)
            late.send("GET /__broadsheet/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            #expect(await late.receive(until: "ferry.md").contains("event: errors"), "a page opened while broken sees the errors")
            let page = try await rawRequest(port: port, "GET", "/2026/03/03/ferry-returns/")
            #expect(page.status == 200 && page.body.contains("twice a day"), "the last good site is still served")

            try site.write("Content/ferry.md", TestSite.article("Ferry returns", day: "2026-03-03", body: "Fixed."))
            #expect(await events.receive(until: "event: reload").contains("event: reload"))
            #expect(await late.receive(until: "event: reload").contains("event: reload"))
        }
    }
}
