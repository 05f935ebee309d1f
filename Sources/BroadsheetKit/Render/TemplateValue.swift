import Mustache

/// What a view hands a template for one name. `ShapeReplay` reads it as it is; swift-mustache
/// gets it through `child(named:)` as the values it knows (`mustacheValue`). Replaying a page
/// through `Any` cost a dynamic cast or more per lookup, and a list of structs was copied
/// into a new array of boxes each time it was found (see BENCHMARKS.md).
enum TemplateValue {
    case missing
    case text(String)
    case int(Int)
    case bool(Bool)
    case object(any TemplateObject)
    case list(any TemplateList)
    /// Anything else (a lambda, a dictionary), sorted as swift-mustache sorts it.
    case other(Any)

    /// A text, or missing when nil.
    init(_ text: String?) {
        self = text.map { .text($0) } ?? .missing
    }

    /// A view, or missing when nil.
    init(_ object: (some TemplateObject)?) {
        self = object.map { .object($0) } ?? .missing
    }

    /// A list, or missing when nil.
    init(_ list: (some TemplateList)?) {
        self = list.map { .list($0) } ?? .missing
    }

    /// The value as swift-mustache takes it; a text is a `TemplateText`.
    var mustacheValue: Any? {
        switch self {
        case .missing: nil
        case .text(let text): TemplateText(text)
        case .int(let int): int
        case .bool(let bool): bool
        case .object(let object): object
        case .list(let list): list.objects as [Any]
        case .other(let value): value
        }
    }
}

/// A view templates see that swift-mustache treats only as a `MustacheParent`: not a
/// list, a text, a lambda or anything it renders or transforms.
protocol TemplateObject: MustacheParent {
    func value(named name: String) -> TemplateValue
    /// `items[index].value(named: name)`. Called through a list, whose generic code copies
    /// the item (retaining each of its fields) for every field a template reads of it; a
    /// view that fills long lists (`ArticleView`) reads it in place in its own code.
    static func value(of items: [Self], at index: Int, named name: String) -> TemplateValue
}

extension TemplateObject {
    func child(named name: String) -> Any? { value(named: name).mustacheValue }

    static func value(of items: [Self], at index: Int, named name: String) -> TemplateValue {
        items[index].value(named: name)
    }
}

/// A list of views. The replay looks up an item's fields through the list, so an item
/// found in it is never copied into a box of its own.
protocol TemplateList {
    var count: Int { get }
    func value(at index: Int, named name: String) -> TemplateValue
    /// The items, each in a box (for swift-mustache and the recorder).
    var objects: [any TemplateObject] { get }
}

extension Array: TemplateList where Element: TemplateObject {
    func value(at index: Int, named name: String) -> TemplateValue { Element.value(of: self, at: index, named: name) }
    var objects: [any TemplateObject] { map { $0 } }
}
