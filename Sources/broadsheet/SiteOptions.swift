import ArgumentParser
import BroadsheetKit
import Foundation

/// Folders and settings shared by `build` and `serve`.
struct SiteOptions: ParsableArguments {
    @Option(help: "Folder of articles (*.md, *.txt).")
    var content = "Content"

    @Option(help: "Folder of Mustache templates and static/ assets.")
    var templates = "Templates"

    @Option(help: "Folder the site is written to.")
    var output = "Public"

    @Option(help: "Site configuration (optional when it is the default site.yml).")
    var config: String?

    @Flag(help: "Include articles marked draft: true.")
    var drafts = false

    @Flag(help: "Build the valid articles and report the invalid ones as warnings (exit 0).")
    var keepGoing = false

    @Option(help: "Absolute URL the site is published at; overrides base_url.")
    var baseURL: String?

    @Flag(help: "Build into a non-empty folder that Broadsheet did not create.")
    var force = false

    func buildOptions() throws -> BuildOptions {
        var options = BuildOptions(
            content: URL(fileURLWithPath: content), templates: URL(fileURLWithPath: templates),
            output: URL(fileURLWithPath: output), config: URL(fileURLWithPath: config ?? "site.yml"))
        options.configRequired = config != nil
        options.includeDrafts = drafts
        options.keepGoing = keepGoing
        options.force = force
        if let baseURL {
            guard SiteConfig.normalizedBaseURL(baseURL) != nil else {
                throw ValidationError("--base-url \(baseURL) is not an absolute http or https URL like https://example.org/news/")
            }
            options.baseURL = baseURL
        }
        return options
    }
}

/// Prints diagnostics to standard error, the way compilers do.
enum Terminal {
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    /// A stage line like `[5/6] render…` on standard error, shown only on a terminal
    /// and only once a build has taken more than a moment.
    static func progress() -> (@Sendable (String, Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let start = Date()
        return { stage, number, count in
            guard Date().timeIntervalSince(start) > 0.3 else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[2K[\(number)/\(count)] \(stage)…".utf8))
        }
    }

    static func clearProgress() {
        guard isatty(STDERR_FILENO) == 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
