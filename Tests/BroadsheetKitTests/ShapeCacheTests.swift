import Foundation
import Mustache
import Testing
@testable import BroadsheetKit

/// Pages rendered once per shape (`ShapeCache`) against swift-mustache rendering each page:
/// random pages through templates that use every kind of tag, byte for byte.
@Suite("Pages rendered once per shape")
struct ShapeCacheTests {
    /// A view holding whatever a test puts in it.
    struct Fields: TemplateObject {
        var fields: [String: TemplateValue]

        func value(named name: String) -> TemplateValue { fields[name] ?? .missing }
    }

    /// A page with a lambda, `shout`, which upper-cases its section's text. It counts the
    /// lookups swift-mustache makes on it, which a replayed page never does.
    struct Page: TemplateObject, TemplateLambdas {
        final class Lookups: @unchecked Sendable {
            var count = 0
        }

        var fields: [String: TemplateValue]
        let lookups = Lookups()

        func child(named name: String) -> Any? {
            lookups.count += 1
            return value(named: name).mustacheValue
        }

        func value(named name: String) -> TemplateValue {
            name == "shout" ? .other(MustacheLambda { text in callLambda(named: name, text: text) }) : fields[name] ?? .missing
        }

        func callLambda(named name: String, text: String) -> Any? {
            name == "shout" ? RegionCache.Rendered(text: text.uppercased()) : nil
        }
    }

    static let templates = [
        "page": """
            <h1>{{title}}</h1> {{{title}}} {{&title}}
            {{#author}}<p>By {{author}}</p>{{/author}}{{^author}}<p>Anonymous</p>{{/author}}
            {{#empty(summary)}}no summary{{/empty(summary)}}{{^empty(summary)}}<p>{{summary}}</p>{{/empty(summary)}}
            {{uppercased(title)}} {{count}} {{plusone(count)}} {{#even(count)}}even{{/even(count)}}{{#equalzero(count)}}zero{{/equalzero(count)}}
            <ul>
            {{#tags}}
            <li>{{#first()}}[{{/first()}}{{name}}{{^last()}}, {{/last()}}{{#last()}}]{{/last()}}</li>
            {{/tags}}
            </ul>
            {{count(tags)}} {{#first(tags)}}first={{name}} {{title}}{{/first(tags)}} {{#reversed(tags)}}{{name}}{{/reversed(tags)}}
            {{^tags}}no tags{{/tags}}
            {{#flag}}flag on{{/flag}} {{flag}} {{#title}}[{{.}}|{{author}}]{{/title}}
            {{#nested}}{{inner.value}} {{title}} {{.title}}{{/nested}} {{nested.inner.value}}
            {{> partials/foot}}
            {{#shout}}hello {{title}}{{/shout}} {{shout}}
            {{body}}after body
            {{{body}}}
            """,
        "partials/foot": "<footer>{{#words}}{{.}} {{/words}}{{^empty(words)}}!{{/empty(words)}}</footer>\n",
        "layout": "<html>{{$main}}default{{/main}}</html>\n",
        "child": "{{<layout}}{{$main}}{{title}}{{#tags}}{{name}}{{/tags}}{{/main}}{{/layout}}",
        "opaque": "{{title}} {{nested}} {{tags}}",
    ]

    static func library(_ templates: [String: String]) throws -> TemplateLibrary {
        var all = templates
        for name in TemplateLibrary.required where all[name] == nil { all[name] = "" }
        return try TemplateLibrary.compile(Theme(templates: all, staticFiles: [])).get()
    }

    /// Texts a template tells apart only by these three classes: empty, ending a line, other.
    static let texts = [[""], ["Ends a line\n", "two\nlines\n"],
                        ["Harbour & pier", "<b>bold</b>", "It's \"quoted\"", "e\u{301}", "\r\n", "\u{E000}0\u{E001}&amp;", "\u{E000}", "Plain"]]

    /// A random page: `shape` chooses what is there, each text's class and whether a value
    /// is handed over as a `TemplateValue` of its own kind or through `Any` (`.other`, as
    /// swift-mustache's own types: `String`, `[Any]`, …), `words` the texts.
    static func randomPage(shape: inout Seeded, words: inout Seeded) -> Page {
        func text() -> TemplateValue {
            let text = texts.randomElement(using: &shape)?.randomElement(using: &words) ?? ""
            return Bool.random(using: &shape) ? .text(text) : .other(text)
        }
        func maybe(_ value: @autoclosure () -> TemplateValue) -> TemplateValue { Bool.random(using: &shape) ? value() : .missing }
        func either(_ typed: TemplateValue, _ untyped: Any) -> TemplateValue { Bool.random(using: &shape) ? typed : .other(untyped) }
        let tags = (0..<Int.random(in: 0...3, using: &shape)).map { _ in Fields(fields: ["name": text()]) }
        let count = Int.random(in: 0...3, using: &shape)
        let flag = Bool.random(using: &shape)
        let nested = Fields(fields: ["inner": .object(Fields(fields: ["value": text()])), "title": text()])
        var fields: [String: TemplateValue] = ["title": text(), "summary": text(),
                                               "count": either(.int(count), count), "tags": either(.list(tags), tags),
                                               "flag": either(.bool(flag), flag), "body": text(),
                                               "words": .other((0..<Int.random(in: 0...2, using: &shape)).map { TemplateText("w\($0)") })]
        fields["author"] = maybe(text())
        fields["nested"] = maybe(either(.object(nested), nested))
        return Page(fields: fields)
    }

    @Test(arguments: ["page", "child", "opaque"])
    func everyPageIsWhatSwiftMustacheRenders(_ template: String) throws {
        let library = try Self.library(Self.templates)
        #expect(library.shapesAreSafe)
        let shapes = ShapeCache(templates: library)
        var words = Seeded(state: 1)
        for seed in 0..<300 as Range<UInt64> {
            // Two pages of one shape with other texts: the second is replayed, adding no shape.
            var shape = Seeded(state: seed)
            let page = Self.randomPage(shape: &shape, words: &words)
            #expect(shapes.render(page, with: template) == Array(library.render(page, with: template).utf8))
            let count = shapes.shapeCount(of: template)
            shape = Seeded(state: seed)
            let twin = Self.randomPage(shape: &shape, words: &words)
            let replayed = shapes.render(twin, with: template)
            #expect(twin.lookups.count == 0 || template == "opaque", "replayed, not rendered by swift-mustache")
            #expect(replayed == Array(library.render(twin, with: template).utf8))
            // (Pages of `opaque` that print an object are rendered by swift-mustache each time.)
            #expect(shapes.shapeCount(of: template) == count)
            #expect(count > 0 || template == "opaque")
        }
    }

    /// The byte test agrees with `last == "\n"`, which breaks graphemes: `\r\n` is one character.
    @Test(arguments: ["", "\n", "a\n", "\r\n", "a\r\n", "\r", "\n\r", "é\n", "\n\u{301}", "\r\n\n", "\u{2028}"])
    func aTextEndsALineWhenItsLastCharacterIsANewline(_ text: String) {
        #expect(text.endsLine == (text.last == "\n"))
    }

    @Test(arguments: [
        "{{% CONTENT_TYPE: TEXT }}{{title}}",
        "{{=<% %>=}}<% title %>",
        "{{>*which}}",
        "<div>\n  {{> partials/foot}}\n</div>",
        "<div>\n\t{{$main}}{{/main}}\n</div>",
        "literal \u{E001}",
    ])
    func themesWhereAValueCanShapeTheOutputAreRenderedPageByPage(_ text: String) throws {
        var templates = Self.templates
        templates["page"] = text
        #expect(try !Self.library(templates).shapesAreSafe)
    }
}
