/// Where pages live and how one page links to another. Site paths are folders
/// relative to the site root, `""` for the root and `topics/energy/` otherwise.
/// HTML links are always relative, so `Public/` works at a domain root, under a
/// subpath and from `file://`; they name `index.html` unless `pretty_urls` is set.
public struct URLLayout: Sendable {
    public var prettyURLs: Bool
    public var baseURL: String?

    public init(prettyURLs: Bool, baseURL: String?) {
        self.prettyURLs = prettyURLs
        self.baseURL = baseURL
    }

    static let topicsPath = "topics/"
    static let archivePath = "archive/"
    static let searchPath = "search/"

    static func topicPath(_ slug: Slug) -> String { topicsPath + slug.value + "/" }

    /// The folder of page `number` of a paginated listing at `base`.
    static func pagePath(_ base: String, number: Int) -> String {
        number == 1 ? base : base + "page/\(number)/"
    }

    /// The file a site path is written to.
    static func file(for path: String) -> String { path + "index.html" }

    /// `../` once per folder level of `path`.
    static func root(from path: String) -> String {
        String(repeating: "../", count: path.utf8.count { $0 == UInt8(ascii: "/") })
    }

    /// A link from the page at `from` to the page at `to`.
    func link(from: String, to: String) -> String {
        link(up: Self.root(from: from), to: to)
    }

    /// A link to the page at `to` from a page whose way back to the root is `up` (`../../`).
    func link(up: String, to: String) -> String {
        if prettyURLs { return to.isEmpty && up.isEmpty ? "./" : up + to }
        return up + to + "index.html"
    }

    /// A link from the page at `from` to a file such as `style.css` or `feed.xml`.
    func asset(from: String, _ file: String) -> String {
        Self.root(from: from) + file
    }

    /// The absolute URL of a page, always in the pretty form; nil without a base URL.
    func absolute(_ path: String) -> String? {
        baseURL.map { $0 + path }
    }
}
