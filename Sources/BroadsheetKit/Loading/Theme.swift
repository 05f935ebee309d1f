import Foundation

/// The templates folder as read from disk: Mustache sources by name, and the
/// static files copied into the output as they are.
public struct Theme: Sendable {
    /// `article` → the text of `article.mustache`; partials live in `partials/`.
    public var templates: [String: String]
    /// Files under `static/`, with paths relative to it.
    public var staticFiles: [SourceFile]

    public init(templates: [String: String], staticFiles: [SourceFile]) {
        self.templates = templates
        self.staticFiles = staticFiles
    }

    static func read(from folder: URL) -> (Theme, [Diagnostic]) {
        let (files, diagnostics) = FolderReader(root: folder, extensions: ["mustache"]).read()
        var templates: [String: String] = [:]
        var problems = diagnostics
        for file in files where !file.path.hasPrefix("static/") {
            switch SourceText.decode(file.bytes, path: file.path) {
            case .success(let text): templates[String(file.path.dropLast(".mustache".count))] = text
            case .failure(let diagnostic): problems.append(diagnostic)
            }
        }
        let (statics, staticProblems) = FolderReader(root: folder.appendingPathComponent("static"), extensions: nil).read()
        return (Theme(templates: templates, staticFiles: statics), problems + staticProblems)
    }
}
