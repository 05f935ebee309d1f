import ArgumentParser
import BroadsheetKit
import BroadsheetServer
import Foundation

extension Broadsheet {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build, serve the output folder, rebuild on change and reload open pages.")

        @OptionGroup var site: SiteOptions

        @Option(help: "Port to listen on (0 picks a free one).")
        var port = 8000

        @Option(help: "Address to bind; anything but loopback is reachable from other machines.")
        var host = "127.0.0.1"

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port number (0–65535)") }
        }

        func run() async throws {
            let output = site.output
            let server = PreviewServer(options: try site.buildOptions(), host: host, port: port) { event in
                switch event {
                case .listening(let url):
                    Self.say("Serving \(output)/ at \(url) (Ctrl-C to stop)")
                case .built(let report):
                    Terminal.report(report.diagnostics)
                    Self.say(report.summary)
                case .failed(let diagnostics):
                    Terminal.report(diagnostics)
                    Terminal.error("build failed with \(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s"); still serving the last good site")
                }
            }
            if !server.isLoopback {
                FileHandle.standardError.write(Data("warning: --host \(host) is not a loopback address: anyone who can reach this machine can read the preview\n".utf8))
            }
            do {
                try await server.run()
            } catch let usage as UsageError {
                Terminal.error(usage.message)
                throw ExitCode(64)
            }
        }

        private static func say(_ line: String) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }
}
