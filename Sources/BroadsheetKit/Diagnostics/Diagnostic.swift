/// One message about the input, printed the way compilers print them:
/// `2026/10/rail.md:3:7: error: the date "2026-13-01" is not a calendar date; expected YYYY-MM-DD`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Comparable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    /// Path relative to the folder it came from (content or templates), or a config file name.
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, _ path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public static func error(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.error, path, line: line, column: column, message)
    }

    public static func warning(_ path: String, line: Int? = nil, column: Int? = nil, _ message: String) -> Diagnostic {
        Diagnostic(.warning, path, line: line, column: column, message)
    }

    public var description: String {
        var location = Self.printable(path)
        if let line { location += ":\(line)" }
        // `path:line:col:` whenever there is a line, as compilers print it; column 1 when
        // the problem is the line as a whole.
        if let line, line > 0 { location += ":\(column ?? 1)" }
        return "\(location): \(severity.rawValue): \(Self.printable(message))"
    }

    /// Text from content (file names, quoted values) may hold control characters: shown as
    /// `\u{1B}`, so a diagnostic stays one line and cannot drive the terminal it is printed on.
    private static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Sorted by path, then position, so a run prints its findings in a stable order.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line ?? 0, a.column ?? 0, a.message) < (b.path, b.line ?? 0, b.column ?? 0, b.message)
    }
}

/// A build that cannot produce a site: every error found, not just the first.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

/// The command cannot be carried out as given (exit status 64): a missing folder,
/// an output folder Broadsheet refuses to touch.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
