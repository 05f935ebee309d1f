import Mustache

// Mustache reads plain structs through `Mirror`, which demangles every field's type
// on every lookup: 3 ms a page, most of a build. These conformances answer the same
// names directly (about 10× faster). Each switch lists the struct's stored properties
// under their own names, so templates see exactly the fields in Views.swift; text
// fields are handed over as `TemplateText`.

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
/// views (an article, a listing, the page itself) are handed over in one of these.
struct SharedView<View: MustacheParent>: TemplateObject {
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

    func child(named name: String) -> Any? { box.view.child(named: name) }
}

/// Its only stored property is a constant reference to a constant value.
extension SharedView: @unchecked Sendable where View: Sendable {}

extension SharedView: TemplateLambdas where View: TemplateLambdas {
    func callLambda(named name: String, text: String) -> Any? { box.view.callLambda(named: name, text: text) }
}

extension ListedArticle: TemplateObject {
    func child(named name: String) -> Any? {
        name == "card" ? card.map(TemplateText.init) : view.child(named: name)
    }
}

extension PageView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "title": TemplateText(title)
        case "description": TemplateText(description)
        case "root": TemplateText(root)
        case "canonicalURL": canonicalURL.map(TemplateText.init)
        case "feedURL": feedURL.map(TemplateText.init)
        case "nav": nav
        case "breadcrumbs": breadcrumbs
        case "isHome": isHome
        case "listing": listing.map(SharedView.init)
        case "article": article.map(SharedView.init)
        case "topics": topics
        case "archive": archive
        case "archiveHeatMap": archiveHeatMap.map(TemplateText.init)
        default: nil
        }
    }
}

extension SiteView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "description": TemplateText(description)
        case "language": TemplateText(language)
        case "baseURL": baseURL.map(TemplateText.init)
        case "feedURL": feedURL.map(TemplateText.init)
        default: nil
        }
    }
}

extension NavView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "home": TemplateText(home)
        case "topics": TemplateText(topics)
        case "archive": TemplateText(archive)
        case "search": TemplateText(search)
        default: nil
        }
    }
}

extension LinkView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(self.name)
        case "url": TemplateText(url)
        default: nil
        }
    }
}

extension TopicCountView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(self.name)
        case "url": TemplateText(url)
        case "count": count
        default: nil
        }
    }
}

extension PeriodView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(self.name)
        case "url": TemplateText(url)
        case "count": count
        case "children": children
        default: nil
        }
    }
}

extension ListingView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": TemplateText(heading)
        case "articles": articles
        case "pagination": pagination
        case "periods": periods
        case "chart": chart.map(TemplateText.init)
        case "previousDay": previousDay
        case "nextDay": nextDay
        default: nil
        }
    }
}

extension PaginationView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "count": count
        case "previous": previous.map(TemplateText.init)
        case "next": next.map(TemplateText.init)
        default: nil
        }
    }
}

extension ArticleView: TemplateObject {
    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        case "date": TemplateText(date)
        case "dateISO": TemplateText(dateISO)
        case "dayURL": TemplateText(dayURL)
        case "topics": topics
        case "summary": TemplateText(summary)
        case "author": author.map(TemplateText.init)
        case "source": source.map(TemplateText.init)
        case "sourceURL": sourceURL.map(TemplateText.init)
        case "sourceID": sourceID.map(TemplateText.init)
        case "readingMinutes": readingMinutes
        case "body": body.map(TemplateText.init)
        case "params": params
        case "previous": previous
        case "next": next
        case "jsonLD": jsonLD.map(TemplateText.init)
        case "related": related.map(SharedView.init)
        default: nil
        }
    }
}
