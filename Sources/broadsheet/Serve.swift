import ArgumentParser

extension Broadsheet {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build, serve the output folder, rebuild on change and reload open pages.")

        @OptionGroup var site: SiteOptions

        @Option(help: "Port to listen on (0 picks a free one).")
        var port = 8000

        @Option(help: "Address to bind; anything but loopback is reachable from other machines.")
        var host = "127.0.0.1"

        func run() throws {
            Terminal.error("serve is not available yet")
            throw ExitCode(64)
        }
    }
}
