import Mustache

/// Renders a page from a template's tree of recorded lookups (`ShapeCache`): makes each
/// lookup on the page's own values, follows the branch for what it found, and fills the
/// skeleton at the leaf with the page's texts.
enum ShapeReplay {
    enum Outcome {
        case rendered([UInt8])
        /// The page makes a lookup, or finds a kind, that no page before it did.
        case newShape
        /// The page's shape is one that only swift-mustache can render.
        case unreplayable
    }

    /// The values found so far, numbered as `ShapeRecorder` numbers them.
    private enum Found {
        case object(any TemplateObject)
        /// An item of a list of views, looked up through the list.
        case item(any TemplateList, Int)
        /// An object found through `Any`.
        case parent(any MustacheParent)
        case text(String)
        /// Anything else a transform may apply to.
        case value(Any)
        case none
    }

    static func run(_ tree: ShapeNode, root: any TemplateObject) -> Outcome {
        var found: [Found] = [.object(root)]
        var texts: [String] = []
        var node = tree
        while let step = node.step {
            let kind: ShapeKind
            switch step {
            case .child(let id, let name):
                switch found[id] {
                case .object(let object): kind = Self.kind(of: object.value(named: name), &found, &texts)
                case .item(let list, let index): kind = Self.kind(of: list.value(at: index, named: name), &found, &texts)
                case .parent(let parent): kind = Self.kind(of: ShapeValue(parent.child(named: name)), &found, &texts)
                case .text, .value, .none: return .unreplayable
                }
            case .transform(let id, let name):
                switch found[id] {
                case .text(let text): kind = Self.kind(of: ShapeValue(text.transform(name)), &found, &texts)
                case .value(let value as MustacheTransformable): kind = Self.kind(of: ShapeValue(value.transform(name)), &found, &texts)
                default: return .unreplayable
                }
            case .lambda(let id, let name, let text):
                let parent: Any
                switch found[id] {
                case .object(let object): parent = object
                case .parent(let object): parent = object
                default: return .unreplayable
                }
                guard let lambdas = parent as? TemplateLambdas else { return .unreplayable }
                kind = Self.kind(of: ShapeValue(lambdaResult: lambdas.callLambda(named: name, text: text)), &found, &texts)
            }
            guard let next = node.branch(kind) else { return .newShape }
            node = next
        }
        guard case .skeleton(let skeleton)? = node.end else { return .unreplayable }
        return .rendered(skeleton.fill(texts))
    }

    /// A view's value: the kind `ShapeRecorder` gives what swift-mustache gets for it
    /// (`mustacheValue`). Texts, views and lists are kept as they are; the rest is found as
    /// through `Any`, without the casts.
    private static func kind(of value: TemplateValue, _ found: inout [Found], _ texts: inout [String]) -> ShapeKind {
        switch value {
        case .text(let text):
            found.append(.text(text))
            return kind(ofText: text, &texts)
        case .object(let object):
            found.append(.object(object))
            return .object
        case .list(let list):
            found.append(.none)
            for index in 0..<list.count { found.append(.item(list, index)) }
            return .objects(count: list.count)
        case .missing: return kind(of: ShapeValue.missing, &found, &texts)
        case .int(let int): return kind(of: ShapeValue.int(int), &found, &texts)
        case .bool(let bool): return kind(of: ShapeValue.bool(bool), &found, &texts)
        case .other(let value): return kind(of: ShapeValue(value), &found, &texts)
        }
    }

    /// A value found through `Any`.
    private static func kind(of value: ShapeValue, _ found: inout [Found], _ texts: inout [String]) -> ShapeKind {
        switch value {
        case .missing:
            found.append(.none)
            return .missing
        case .text(let text, let original):
            found.append(.value(original))
            return kind(ofText: text, &texts)
        case .int(let int):
            found.append(.value(int))
            texts.append(String(int))
            return .int
        case .bool(let bool):
            found.append(.none)
            return .bool(bool)
        case .object(let parent):
            found.append(.parent(parent))
            return .object
        case .lambda:
            found.append(.none)
            return .lambda
        case .list(let items):
            found.append(.none)
            return .forList(items.map { kind(of: ShapeValue($0), &found, &texts) })
        case .opaque:
            found.append(.none)
            return .opaque
        }
    }

    private static func kind(ofText text: String, _ texts: inout [String]) -> ShapeKind {
        guard !text.isEmpty else { return .emptyText }
        texts.append(text)
        return .text(endsLine: text.endsLine)
    }
}
