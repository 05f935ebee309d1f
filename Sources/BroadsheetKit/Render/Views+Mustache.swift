import Mustache

// Mustache reads plain structs through `Mirror`, which demangles every field's type
// on every lookup: 3 ms a page, most of a build. These conformances answer the same
// names directly (about 10× faster). Each switch lists the struct's stored properties
// under their own names, so templates see exactly the fields in Views.swift.

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "title": title
        case "description": description
        case "root": root
        case "canonicalURL": canonicalURL
        case "feedURL": feedURL
        case "nav": nav
        case "breadcrumbs": breadcrumbs
        case "isHome": isHome
        case "listing": listing
        case "article": article
        case "topics": topics
        case "archive": archive
        case "archiveHeatMap": archiveHeatMap
        default: nil
        }
    }
}

extension SiteView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description
        case "language": language
        case "baseURL": baseURL
        case "feedURL": feedURL
        default: nil
        }
    }
}

extension NavView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "home": home
        case "topics": topics
        case "archive": archive
        case "search": search
        default: nil
        }
    }
}

extension LinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        default: nil
        }
    }
}

extension TopicCountView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "count": count
        default: nil
        }
    }
}

extension PeriodView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": url
        case "count": count
        case "children": children
        default: nil
        }
    }
}

extension ListingView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "articles": articles
        case "pagination": pagination
        case "periods": periods
        case "chart": chart
        case "previousDay": previousDay
        case "nextDay": nextDay
        default: nil
        }
    }
}

extension PaginationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "count": count
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}

extension ArticleView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "date": date
        case "dateISO": dateISO
        case "dayURL": dayURL
        case "topics": topics
        case "summary": summary
        case "author": author
        case "source": source
        case "sourceURL": sourceURL
        case "sourceID": sourceID
        case "readingMinutes": readingMinutes
        case "body": body
        case "params": params
        case "previous": previous
        case "next": next
        case "jsonLD": jsonLD
        case "related": related
        case "card": card
        default: nil
        }
    }
}
