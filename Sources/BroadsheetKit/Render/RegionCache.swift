import Foundation
import Mustache

/// `{{#cached}}…{{/cached}}`: a region of a template (the layout's site header and footer)
/// that is the same on every page of one depth, rendered once per build for each
/// different thing it can see, like Hugo's `partialCached`.
///
/// The region sees `site`, `nav`, `root` and `isHome`, and nothing else of the page: a
/// page's `title` inside it renders as empty on every page rather than one page's title
/// on all of them. Each of its tags would otherwise be looked up again on each of
/// 10,000 pages, a few microseconds apiece (see BENCHMARKS.md).
final class RegionCache: @unchecked Sendable {
    /// The name a template uses for the region.
    static let name = "cached"

    private let templates: TemplateLibrary
    private let lock = NSLock()
    /// Per region text: the region compiled, and its output for each context.
    private var regions: [String: (template: MustacheTemplate?, output: [Context: String])] = [:]

    init(templates: TemplateLibrary) {
        self.templates = templates
    }

    /// What a region sees. Everything in it is the same for all pages of one depth.
    struct Context: Hashable, MustacheParent {
        let site: SiteView
        let nav: NavView
        let root: String
        let isHome: Bool

        init(_ page: PageView) {
            site = page.site
            nav = page.nav
            root = page.root
            isHome = page.isHome
        }

        func child(named name: String) -> Any? {
            switch name {
            case "site": site
            case "nav": nav
            case "root": TemplateText(root)
            case "isHome": isHome
            default: nil
            }
        }
    }

    /// The regions of `page`.
    func regions(for page: PageView) -> Regions {
        Regions(cache: self, context: Context(page))
    }

    /// The regions of one page: the lambda its template calls, and the same call for
    /// `ShapeCache`, which cannot call a lambda itself.
    struct Regions {
        fileprivate let cache: RegionCache
        fileprivate let context: Context

        /// Its result is not a `String`, which swift-mustache would compile as a template
        /// again; it is inserted as it is.
        var lambda: MustacheLambda {
            MustacheLambda { [cache, context] text in Rendered(text: cache.region(text, context)) }
        }

        func render(_ text: String) -> Rendered {
            Rendered(text: cache.region(text, context))
        }
    }

    private func region(_ text: String, _ context: Context) -> String {
        if let output = lock.withLock({ regions[text]?.output[context] }) { return output }
        let template = lock.withLock { regions[text]?.template } ?? compile(text)
        let output = template?.render(context, library: templates.library) ?? ""
        lock.withLock {
            regions[text, default: (template, [:])].output[context] = output
        }
        return output
    }

    /// The region's text is part of a template that compiled; should it not compile on its
    /// own (a region cut through a set-delimiter tag), it renders empty.
    private func compile(_ text: String) -> MustacheTemplate? {
        try? MustacheTemplate(string: TemplateLibrary.EscapedHTML.pragma + text)
    }

    /// A region's output. Templates see no fields in it (`{{cached.text}}` is empty), as in
    /// the markers that stand for it in `ShapeCache`.
    struct Rendered: CustomStringConvertible, MustacheParent {
        let text: String
        var description: String { text }

        func child(named name: String) -> Any? { nil }
    }
}
