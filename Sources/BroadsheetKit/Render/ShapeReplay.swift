import Mustache

/// Renders a page from a template's tree of recorded lookups (`ShapeCache`): makes each
/// lookup on the page's own values, follows the branch for what it found, and fills the
/// skeleton at the leaf with the page's texts.
enum ShapeReplay {
    enum Outcome {
        case rendered(String)
        /// The page makes a lookup, or finds a kind, that no page before it did.
        case newShape
        /// The page's shape is one that only swift-mustache can render.
        case unreplayable
    }

    /// The values found so far, numbered as `ShapeRecorder` numbers them.
    private enum Found {
        case parent(any MustacheParent)
        case value(Any)
        case none
    }

    static func run(_ tree: ShapeNode, root: any MustacheParent) -> Outcome {
        var found: [Found] = [.parent(root)]
        var texts: [String] = []
        var node = tree
        while let step = node.step {
            let value: ShapeValue
            switch step {
            case .child(let id, let name):
                guard case .parent(let parent) = found[id] else { return .unreplayable }
                value = ShapeValue(parent.child(named: name))
            case .transform(let id, let name):
                guard case .value(let real) = found[id], let transformable = real as? MustacheTransformable else { return .unreplayable }
                value = ShapeValue(transformable.transform(name))
            case .lambda(let id, let name, let text):
                guard case .parent(let parent) = found[id], let lambdas = parent as? TemplateLambdas else { return .unreplayable }
                value = ShapeValue(lambdaResult: lambdas.callLambda(named: name, text: text))
            }
            guard let next = node.branch(kind(of: value, &found, &texts)) else { return .newShape }
            node = next
        }
        guard case .skeleton(let skeleton)? = node.end else { return .unreplayable }
        return .rendered(skeleton.fill(texts))
    }

    private static func kind(of value: ShapeValue, _ found: inout [Found], _ texts: inout [String]) -> ShapeKind {
        switch value {
        case .missing:
            found.append(.none)
            return .missing
        case .text(let text, let original):
            found.append(.value(original))
            guard !text.isEmpty else { return .emptyText }
            texts.append(text)
            return .text(endsLine: text.last == "\n")
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
            return .list(items.map { kind(of: ShapeValue($0), &found, &texts) })
        case .opaque:
            found.append(.none)
            return .opaque
        }
    }
}
