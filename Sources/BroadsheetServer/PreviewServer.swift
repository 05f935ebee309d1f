import BroadsheetKit
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `broadsheet serve`: builds the site, serves the output folder on a loopback
/// address, rebuilds when the content, templates or config change, and reloads
/// open pages (or shows them the errors of a failed rebuild while the last good
/// site stays served).
public struct PreviewServer: Sendable {
    /// What the server reports to whoever runs it (the CLI prints these).
    public enum Event: Sendable {
        /// Listening at this URL (with the real port when asked for port 0).
        case listening(String)
        /// A build finished; its warnings are in the report.
        case built(BuildReport)
        /// A build failed; the output folder is as the last good build left it.
        case failed([Diagnostic])
    }

    public let options: BuildOptions
    public let host: String
    public let port: Int
    /// How often the watcher looks at the files.
    public let pollInterval: Duration
    let liveReload = LiveReload()
    private let report: @Sendable (Event) -> Void

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 8000,
                pollInterval: Duration = .milliseconds(400), report: @escaping @Sendable (Event) -> Void) {
        self.options = options
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.report = report
    }

    /// Whether only this machine can reach the server; if so, `Host` must name loopback too.
    public var isLoopback: Bool { Loopback.isHost(host) }

    /// Builds once, then serves until interrupted (SIGINT or SIGTERM).
    /// Throws `UsageError` when the site cannot be built at all.
    public func run() async throws {
        let application = makeApplication()
        try await build()
        try await application.runService()
    }

    /// Runs one build and tells the terminal and open pages how it went. A failed
    /// build is reported, not thrown; a `UsageError` is thrown.
    public func build() async throws(UsageError) {
        let builder = Builder(options)
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Result { try builder.build() }) }
        }
        switch result {
        case .success(let built):
            report(.built(built))
            await liveReload.buildSucceeded(changedOutput: built.written + built.removed > 0)
        case .failure(let usage as UsageError):
            throw usage
        case .failure(let error):
            await failed((error as? BuildFailure)?.diagnostics ?? [.error("broadsheet", "\(error)")])
        }
    }

    private func failed(_ diagnostics: [Diagnostic]) async {
        report(.failed(diagnostics))
        await liveReload.buildFailed(diagnostics.map(\.description))
    }

    /// The Hummingbird application: request guard, 404 page, file middleware over
    /// the output folder, the live-reload endpoint, and the watcher as a service.
    /// The watcher rebuilds after any change made from now on.
    public func makeApplication() -> some ApplicationProtocol {
        let files = OutputFiles(folder: options.output, script: LiveReload.script)
        let router = Router()
        router.add(middleware: RequestGuard(loopbackOnly: isLoopback))
        router.add(middleware: NotFoundPage(files: files))
        router.add(middleware: FileMiddleware(fileProvider: files, searchForIndexHtml: true)
            .withAdditionalMediaTypes(forFileExtensions: Self.textTypes))
        let liveReload = self.liveReload
        router.get(RouterPath(LiveReload.path)) { _, _ in await liveReload.response() }

        let watcher = FolderWatcher(paths: [options.content, options.templates, options.config],
                                    ignoring: options.output, interval: pollInterval)
        var logger = Logger(label: "broadsheet.serve")
        logger.logLevel = .warning
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port)),
            services: [Watcher(server: self, watcher: watcher, baseline: watcher.snapshot())],
            onServerRunning: { [self] channel in report(.listening(url(port: channel.localAddress?.port ?? port))) },
            logger: logger)
    }

    private func url(port: Int) -> String {
        "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)/"
    }

    /// Text formats are UTF-8, and say so.
    private static let textTypes = ([
        "html": .textHtml, "htm": .textHtml, "css": .textCss, "js": .textJavascript, "mjs": .textJavascript,
        "txt": .textPlain, "xml": .applicationXml,
    ] as [String: MediaType]).mapValues { $0.withParameter(name: "charset", value: "utf-8") }

    /// Rebuilds after each change to the content, the templates or the config file.
    private struct Watcher: Service {
        let server: PreviewServer
        let watcher: FolderWatcher
        let baseline: [String: FileStatus]

        func run() async throws {
            await cancelWhenGracefulShutdown {
                await watcher.run(from: baseline) {
                    do throws(UsageError) {
                        try await server.build()
                    } catch {
                        await server.failed([.error("broadsheet", error.message)])
                    }
                }
            }
        }
    }
}
