import Foundation
import Mustache

/// Each article's card (the theme's `partials/article-card`), rendered once per build
/// and reused on every listing that shows the article (home, topic, day, month and
/// year pages: about six per article), as Hugo's `partialCached` does.
///
/// A card's links differ from page to page only in the way back to the root (`../../`),
/// so the card is rendered once with `marker` in that place and each page puts its own
/// prefix there. The partial sees the article's fields, `site` and `root`; values that
/// belong to one page (its title, `listing`, `nav`) are not visible inside it.
/// Cards are rendered on first use, so a rebuild that renders a few pages renders only their cards.
final class CardCache: @unchecked Sendable {
    static let template = "partials/article-card"
    /// A private-use character: escaping leaves it alone, and an article whose text
    /// contains it is rendered page by page instead.
    static let marker = "\u{F8FF}"
    private static let markerScalar: Unicode.Scalar = "\u{F8FF}"

    private let views: ViewBuilder
    private let hasTemplate: Bool
    private let shapes: ShapeCache
    private let site: SharedView<SiteView>
    private let lock = NSLock()
    /// Per article: the rendered card cut at the markers; nil until first used.
    private var pieces: [[String]?]

    /// `site` is the page renderer's, made once per build.
    init(views: ViewBuilder, templates: TemplateLibrary, shapes: ShapeCache, site: SharedView<SiteView>) {
        self.views = views
        hasTemplate = templates.has(Self.template)
        self.shapes = shapes
        self.site = site
        pieces = Array(repeating: nil, count: views.site.articles.count)
    }

    /// The card of article `index` on a page whose way back to the root is `up`;
    /// nil when the theme has no card partial.
    func card(_ index: Int, up: String) -> String? {
        guard hasTemplate else { return nil }
        if let split = lock.withLock({ pieces[index] }) { return Self.joined(split, up) }
        let view = views.articleView(index, up: Self.marker)
        guard !Self.containsMarker(view) else { return String(decoding: render(views.articleView(index, up: up), root: up), as: UTF8.self) }
        let split = Self.cut(render(view, root: Self.marker))
        lock.withLock { pieces[index] = split }
        return Self.joined(split, up)
    }

    private func render(_ article: ArticleView, root: String) -> [UInt8] {
        shapes.render(SharedView(Context(article: article, site: site, root: root)), with: Self.template)
    }

    /// `bytes` cut at each marker (EF A3 BF, bytes no other character's UTF-8 has in that order).
    private static func cut(_ bytes: [UInt8]) -> [String] {
        var pieces: [String] = []
        var start = 0, index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xA3, bytes[index + 2] == 0xBF {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 3
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// The pieces joined by `up`: strings appended to a string are copied, not read as UTF-8 again.
    private static func joined(_ pieces: [String], _ up: String) -> String {
        var card = ""
        card.reserveCapacity(pieces.reduce(0) { $0 + $1.utf8.count } + (pieces.count - 1) * up.utf8.count)
        for (number, piece) in pieces.enumerated() {
            if number > 0 { card += up }
            card += piece
        }
        return card
    }

    private static func containsMarker(_ view: ArticleView) -> Bool {
        let texts = [view.title, view.summary, view.author, view.source, view.sourceURL, view.sourceID].compactMap { $0 }
            + view.topics.map(\.name) + view.params.values
        return texts.contains { $0.unicodeScalars.contains(markerScalar) }
    }

    /// What the partial sees: the article first, then `site` and `root` as on the page.
    /// Handed over in a `SharedView`.
    private struct Context: TemplateObject {
        let article: ArticleView
        let site: SharedView<SiteView>
        let root: String

        func value(named name: String) -> TemplateValue {
            switch name {
            case "site": .object(site)
            case "root": .text(root)
            default: article.value(named: name)
            }
        }
    }
}
