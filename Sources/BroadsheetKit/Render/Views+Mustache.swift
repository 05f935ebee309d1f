import Mustache

// Mustache reads plain structs through `Mirror`, which demangles every field's type
// on every lookup: 3 ms a page, most of a build. These conformances answer the same
// names directly (about 10× faster). Each switch lists the struct's stored properties
// under their own names, so templates see exactly the fields in Views.swift, as
// `TemplateValue`s; swift-mustache gets a text as a `TemplateText`.

/// A text value as templates see it. swift-mustache prints a plain `String` only after
/// trying it as a template, a custom renderable, a lambda and an optional, each a
/// dynamic cast, and then copies it through `String(describing:)`; this type is taken
/// at the second cast. It renders, tests in sections and transforms (`empty(…)`,
/// `uppercased(…)`) exactly as the `String` it holds, and has no fields of its own, so
/// a name looked up inside `{{#text}}…{{/text}}` is found further out as before.
struct TemplateText: MustacheCustomRenderable, MustacheTransformable, MustacheParent {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var renderText: String { text }
    var isNull: Bool { false }

    func transform(_ name: String) -> Any? { text.transform(name) }

    func child(named name: String) -> Any? { nil }
}

/// A view handed to templates by reference. swift-mustache casts the objects on its stack
/// for every name it looks up there, and casting a struct copies it, retaining each of its
/// fields; this struct holds one reference, which is all a cast copies. (A class instance
/// would be retained once too, but casting one costs the Swift runtime about twice as
/// much: a cold build took 0.95 of the time with the page's views in this struct.) Large
/// views (an article, a listing, the page itself) are handed over in one of these. Since
/// pages are rendered once per shape, this matters where swift-mustache renders: the first
/// page of each shape, and every page of a theme that cannot be replayed.
struct SharedView<View: TemplateObject>: TemplateObject {
    private final class Box {
        let view: View

        init(_ view: View) {
            self.view = view
        }
    }

    private let box: Box

    init(_ view: View) {
        box = Box(view)
    }

    func value(named name: String) -> TemplateValue { box.view.value(named: name) }
}

/// Its only stored property is a constant reference to a constant value.
extension SharedView: @unchecked Sendable where View: Sendable {}

extension SharedView: TemplateLambdas where View: TemplateLambdas {
    func callLambda(named name: String, text: String) -> Any? { box.view.callLambda(named: name, text: text) }
}

extension ListedArticle: TemplateObject {
    func value(named name: String) -> TemplateValue {
        name == "card" ? TemplateValue(card) : view.value(named: name)
    }
}

extension PageView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "site": .object(site)
        case "title": .text(title)
        case "description": .text(description)
        case "root": .text(root)
        case "canonicalURL": .init(canonicalURL)
        case "feedURL": .init(feedURL)
        case "nav": .object(nav)
        case "breadcrumbs": .list(breadcrumbs)
        case "isHome": .bool(isHome)
        case "listing": .init(listing.map(SharedView.init))
        case "article": .init(article.map(SharedView.init))
        case "topics": .init(topics)
        case "archive": .init(archive)
        case "archiveHeatMap": .init(archiveHeatMap)
        default: .missing
        }
    }
}

extension SiteView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "title": .text(title)
        case "description": .text(description)
        case "language": .text(language)
        case "baseURL": .init(baseURL)
        case "feedURL": .init(feedURL)
        default: .missing
        }
    }
}

extension NavView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "home": .text(home)
        case "topics": .text(topics)
        case "archive": .text(archive)
        case "search": .text(search)
        default: .missing
        }
    }
}

extension LinkView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "name": .text(self.name)
        case "url": .text(url)
        default: .missing
        }
    }
}

extension TopicCountView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "name": .text(self.name)
        case "url": .text(url)
        case "count": .int(count)
        default: .missing
        }
    }
}

extension PeriodView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "name": .text(self.name)
        case "url": .text(url)
        case "count": .int(count)
        case "children": .list(children)
        default: .missing
        }
    }
}

extension ListingView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "heading": .text(heading)
        case "articles": .list(articles)
        case "pagination": .init(pagination)
        case "periods": .list(periods)
        case "chart": .init(chart)
        case "previousDay": .init(previousDay)
        case "nextDay": .init(nextDay)
        default: .missing
        }
    }
}

extension PaginationView: TemplateObject {
    func value(named name: String) -> TemplateValue {
        switch name {
        case "number": .int(number)
        case "count": .int(count)
        case "previous": .init(previous)
        case "next": .init(next)
        default: .missing
        }
    }
}

extension ArticleView: TemplateObject {
    /// Read in place: the view is large, and a copy would retain each of its fields for
    /// every field a template reads (see `TemplateObject.value(of:at:named:)`).
    static func value(of items: [ArticleView], at index: Int, named name: String) -> TemplateValue {
        items.withElement(at: index) { value(at: $0, named: name) }
    }

    func value(named name: String) -> TemplateValue {
        withUnsafePointer(to: self) { Self.value(at: $0, named: name) }
    }

    private static func value(at view: UnsafePointer<ArticleView>, named name: String) -> TemplateValue {
        switch name {
        case "title": .text(view.pointee.title)
        case "url": .text(view.pointee.url)
        case "date": .text(view.pointee.date)
        case "dateISO": .text(view.pointee.dateISO)
        case "dayURL": .text(view.pointee.dayURL)
        case "topics": .list(view.pointee.topics)
        case "summary": .text(view.pointee.summary)
        case "author": .init(view.pointee.author)
        case "source": .init(view.pointee.source)
        case "sourceURL": .init(view.pointee.sourceURL)
        case "sourceID": .init(view.pointee.sourceID)
        case "readingMinutes": .int(view.pointee.readingMinutes)
        case "body": .init(view.pointee.body)
        case "params": .other(view.pointee.params)
        case "previous": .init(view.pointee.previous)
        case "next": .init(view.pointee.next)
        case "jsonLD": .init(view.pointee.jsonLD)
        case "related": .list(view.pointee.related)
        default: .missing
        }
    }
}
