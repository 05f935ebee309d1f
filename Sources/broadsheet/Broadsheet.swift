import ArgumentParser
import BroadsheetKit

@main
struct Broadsheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broadsheet",
        abstract: "Builds a static news digest from markdown articles and wire dumps.",
        version: BroadsheetVersion.current,
        subcommands: [Build.self, Serve.self, New.self],
        defaultSubcommand: Build.self
    )
}
