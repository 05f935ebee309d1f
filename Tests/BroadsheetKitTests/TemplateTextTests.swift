import Mustache
import Testing
@testable import BroadsheetKit

/// Views hand text to templates as `TemplateText` (fewer dynamic casts in swift-mustache);
/// every way a template can use a text must give what the plain `String` gives.
@Suite struct TemplateTextTests {
    /// Answers each name with the same text, as a `String` or as a `TemplateText`.
    struct Values: MustacheParent {
        let wrapped: Bool
        func child(named name: String) -> Any? {
            let texts = ["name": "café <b> & \"q\" 'x'", "blank": "", "outer": "out"]
            guard let text = texts[name] else { return nil }
            return wrapped ? TemplateText(text) : text
        }
    }

    static let uses = [
        "{{name}}", "{{{name}}}", "{{&name}}",
        "{{#name}}[{{.}}|{{outer}}|{{missing}}]{{/name}}", "{{^name}}none{{/name}}",
        "{{#blank}}[{{.}}]{{/blank}}", "{{^blank}}none{{/blank}}",
        "{{#empty(blank)}}E{{/empty(blank)}}", "{{^empty(name)}}N{{/empty(name)}}",
        "{{uppercased(name)}}", "{{lowercased(name)}}", "{{capitalized(name)}}", "{{reversed(name)}}",
        "{{#name}}{{#outer}}{{name}}{{/outer}}{{/name}}",
    ]

    @Test(arguments: uses)
    func rendersAsTheStringItHolds(_ template: String) throws {
        let compiled = try MustacheTemplate(string: template)
        let plain = compiled.render(Values(wrapped: false))
        #expect(compiled.render(Values(wrapped: true)) == plain)
    }

    @Test func isEscapedUnlessAskedNotTo() throws {
        let rendered = try MustacheTemplate(string: "{{name}}|{{{name}}}").render(Values(wrapped: true))
        #expect(rendered.hasPrefix("café &lt;b&gt; &amp; &quot;q&quot;"))
        #expect(rendered.hasSuffix("|café <b> & \"q\" 'x'"))
    }
}
