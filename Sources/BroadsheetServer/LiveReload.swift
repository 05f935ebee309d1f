import Foundation
import Hummingbird
import ServiceLifecycle

/// Tells open pages about rebuilds over Server-Sent Events: `reload` after a build
/// that changed the site (or fixed a failed one), `errors` with the diagnostics of a
/// failed build. A page that connects while the site is broken gets the errors at once.
actor LiveReload {
    /// The endpoint the injected script listens to.
    static let path = "/__broadsheet/events"

    /// Added before `</body>` of every HTML response; never written to disk.
    static let script = Array("""
        <script>/* added by broadsheet serve */(() => {
          const events = new EventSource("\(path)");
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("errors", (event) => {
            let box = document.getElementById("broadsheet-errors");
            if (!box) {
              box = document.createElement("pre");
              box.id = "broadsheet-errors";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;margin:0;padding:1em 1.25em;background:#2a0d0d;color:#ffe1e1;border-top:4px solid #e5484d;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
              (document.body || document.documentElement).append(box);
            }
            box.textContent = "Build failed; still showing the last good site.\\n\\n" + event.data;
          });
        })();</script>

        """.utf8)

    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var errors: [String] = []

    /// A stream of encoded events for one page; ends when the page goes away.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(16))
        let id = nextID
        nextID += 1
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        listeners[id] = continuation
        continuation.yield("retry: 1000\n\n")
        if !errors.isEmpty { continuation.yield(Self.event("errors", errors.joined(separator: "\n"))) }
        return stream
    }

    /// After a successful build: reload pages if the output changed or the overlay is up.
    func buildSucceeded(changedOutput: Bool) {
        let recovered = !errors.isEmpty
        errors = []
        if changedOutput || recovered { broadcast(Self.event("reload", "")) }
    }

    /// After a failed build: show these lines over every open page.
    func buildFailed(_ lines: [String]) {
        errors = lines
        broadcast(Self.event("errors", lines.joined(separator: "\n")))
    }

    private func unsubscribe(_ id: Int) {
        listeners[id] = nil
    }

    private func broadcast(_ message: String) {
        for continuation in listeners.values { continuation.yield(message) }
    }

    /// One SSE message; every line of `data` gets its own `data:` field.
    static func event(_ name: String, _ data: String) -> String {
        let lines = data.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }

    /// The `text/event-stream` response for one page; it ends on graceful shutdown.
    func response() -> Response {
        let stream = subscribe()
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            for await message in stream.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(string: message))
            }
            try await writer.finish(nil)
        })
    }
}
