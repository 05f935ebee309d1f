import ArgumentParser
import BroadsheetKit

extension Broadsheet {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build the site from the content folder into the output folder.")

        @OptionGroup var site: SiteOptions

        @Flag(help: "Print only warnings and errors, not the summary line.")
        var quiet = false

        @Flag(help: "Print the time each stage took.")
        var timings = false

        func run() throws {
            let builder = Builder(try site.buildOptions())
            do {
                let progress = quiet ? nil : Terminal.progress()
                defer { if progress != nil { Terminal.clearProgress() } }
                let report = try builder.build(progress: progress)
                Terminal.report(report.diagnostics)
                if timings {
                    for stage in report.stages { print("  \(stage.name): \(String(format: "%.3f", stage.seconds)) s") }
                }
                if !quiet { print(report.summary) }
            } catch let failure as BuildFailure {
                Terminal.report(failure.diagnostics)
                Terminal.error("build failed with \(failure.diagnostics.count) error\(failure.diagnostics.count == 1 ? "" : "s"); \(site.output) is unchanged")
                throw ExitCode.failure
            } catch let usage as UsageError {
                Terminal.error(usage.message)
                throw ExitCode(64)
            }
        }
    }
}
