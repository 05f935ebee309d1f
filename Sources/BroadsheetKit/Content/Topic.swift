/// A topic as the site shows it: a display name and the slug its pages live under.
public struct Topic: Sendable, Hashable {
    public var name: String
    public var slug: Slug
}
