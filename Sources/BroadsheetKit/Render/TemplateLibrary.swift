import Foundation
import Mustache

/// The theme's Mustache templates, compiled once per build.
struct TemplateLibrary: Sendable {
    /// One template per page kind; partials and the layout are free-form.
    static let required = ["list", "article", "topics", "archive", "404", "search"]

    let library: MustacheLibrary
    /// Whether pages may be rendered once per shape (`ShapeCache`): not when a template can
    /// make the output depend on a text's content, which a marker cannot stand in for (a
    /// content type or delimiters of its own, a partial named by a value, an indented
    /// partial or block, whose indentation depends on where texts end), or holds a marker.
    let shapesAreSafe: Bool

    static func compile(_ theme: Theme) -> Result<TemplateLibrary, BuildFailure> {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for (name, text) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(EscapedHTML.pragma + text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                let column = error.context.columnNumber - (error.context.lineNumber == 1 ? EscapedHTML.pragma.count : 0)
                diagnostics.append(.error("\(name).mustache", line: error.context.lineNumber, column: max(1, column),
                                          "\(describe(error.error)); near `\(error.context.line.trimmingCharacters(in: .whitespaces).prefix(60))`"))
            } catch {
                diagnostics.append(.error("\(name).mustache", "cannot be compiled: \(error)"))
            }
        }
        for name in required where theme.templates[name] == nil {
            diagnostics.append(.error("\(name).mustache", "is missing; expected the template for \(name) pages in the templates folder"))
        }
        let shapesAreSafe = !theme.templates.values.contains { text in
            text.contains("CONTENT_TYPE") || text.contains("{{=") || Marker.canAppear(in: text)
                || text.contains(/\{\{\s*>\s*\*/) || text.contains(/(?m)^[ \t]+\{\{\s*[>$<]/)
        }
        return diagnostics.isEmpty ? .success(TemplateLibrary(library: library, shapesAreSafe: shapesAreSafe)) : .failure(BuildFailure(diagnostics))
    }

    func has(_ name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    func render(_ view: Any, with name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }

    /// swift-mustache escapes `{{value}}` one `Character` at a time through a dictionary,
    /// the largest single cost of rendering a page. This content type escapes the same
    /// five characters (`& < > " '`) over UTF-8; a pragma at the start of every template selects it.
    struct EscapedHTML: MustacheContentType {
        static let name = "BROADSHEET_HTML"
        static let pragma = "{{% CONTENT_TYPE: \(name) }}"

        func escapeText(_ text: String) -> String { text.htmlEscaped }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed; expected `}}`"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed; expected `{{/name}}`"
        case MustacheTemplate.Error.invalidSetDelimiter: "the set-delimiter tag is malformed"
        default: "invalid Mustache (\(error))"
        }
    }
}
