import Foundation
import Mustache

/// Renders templates as swift-mustache does, but runs swift-mustache only once per *shape*
/// of page, like a compiler that specialises a template for the data it meets.
///
/// A logic-less template decides what to render only from what its lookups find: whether a
/// value is there, which of `true`/`false` it is, how many items a list has, whether a text
/// is empty or ends a line, what a transform such as `empty(…)` answers. Rendering a page
/// through stand-ins (`ShapeRecorder`) records each lookup with what it found (its kind)
/// and renders each text as a numbered marker: the page's *skeleton*. A later page that
/// makes the same lookups with the same kinds is the skeleton with its own texts put in
/// (`ShapeReplay`), byte for byte what swift-mustache would render, in about a third of the time:
/// swift-mustache splits every name and makes four to eight dynamic casts per tag (see
/// BENCHMARKS.md). Each template's recorded lookups form a tree, branching where pages
/// differ; a page that leaves the tree is rendered through stand-ins and grows it.
///
/// Themes that could make the output depend on a value in a way a marker cannot stand in
/// for are rendered page by page as before: see `TemplateLibrary.shapesAreSafe`.
final class ShapeCache: @unchecked Sendable {
    private let templates: TemplateLibrary
    private let lock = NSLock()
    /// Per template, the tree of its recorded lookups.
    private var trees: [String: ShapeNode] = [:]

    init(templates: TemplateLibrary) {
        self.templates = templates
    }

    /// Exactly the UTF-8 of `templates.render(root, with: name)`.
    func render(_ root: any TemplateObject, with name: String) -> [UInt8] {
        guard templates.shapesAreSafe else { return Array(templates.render(root, with: name).utf8) }
        if let tree = lock.withLock({ trees[name] }) {
            switch ShapeReplay.run(tree, root: root) {
            case .rendered(let bytes): return bytes
            case .unreplayable: return Array(templates.render(root, with: name).utf8)
            case .newShape: break
            }
        }
        let recorder = ShapeRecorder()
        let marked = templates.render(recorder.probe(root), with: name)
        let recording = recorder.finish(marked)
        lock.withLock { trees[name] = ShapeNode.inserting(recording.path, end: recording.end, into: trees[name]) }
        if case .skeleton(let skeleton) = recording.end { return skeleton.fill(recording.texts) }
        return Array(templates.render(root, with: name).utf8)
    }

    /// How many shapes of `name` have a skeleton (for tests).
    func shapeCount(of name: String) -> Int {
        var count = 0
        var nodes = lock.withLock { trees[name].map { [$0] } ?? [] }
        while let node = nodes.popLast() {
            if case .skeleton? = node.end { count += 1 }
            nodes += node.nodes
        }
        return count
    }
}

/// One lookup a template makes, on a value found earlier (numbered in the order found;
/// the root is 0).
enum ShapeStep: Hashable {
    case child(of: Int, named: String)
    case transform(of: Int, named: String)
    /// A lambda section: the parent that holds the lambda (a `TemplateLambdas`), its name, the section's text.
    case lambda(of: Int, named: String, text: String)
}

/// What a lookup found, as far as a template can tell: all a template's decisions rest on this.
enum ShapeKind: Hashable {
    case missing
    case emptyText
    /// A text (a marker in the skeleton); whether its last character is a newline.
    case text(endsLine: Bool)
    case int
    case bool(Bool)
    case object
    case lambda
    /// A list found through `Any`, by its items' kinds.
    case list([ShapeKind])
    /// A list of `count` objects: a list of views (`TemplateList`), or one found through `Any`
    /// whose items are all objects (`forList` gives both the same kind).
    case objects(count: Int)
    /// A value no marker can stand for: pages that find one are rendered by swift-mustache.
    case opaque

    /// The kind of a list whose items are of `kinds`.
    static func forList(_ kinds: [ShapeKind]) -> ShapeKind {
        kinds.allSatisfy { $0 == .object } ? .objects(count: kinds.count) : .list(kinds)
    }
}

extension String {
    /// Whether the last character is a newline (`last == "\n"`, which a template's standalone
    /// lines depend on), read from the bytes without breaking graphemes: a newline is a
    /// character of its own unless a carriage return comes before it.
    var endsLine: Bool {
        let bytes = utf8
        return bytes.last == 0x0A && (bytes.count == 1 || bytes[bytes.index(bytes.endIndex, offsetBy: -2)] != 0x0D)
    }
}

/// The tree of one template's recorded lookups: each node makes one lookup and branches
/// on its kind; a leaf holds the skeleton. Immutable: growing it copies the nodes on the
/// new path, so pages render from it without a lock.
final class ShapeNode: Sendable {
    enum End: Sendable {
        case skeleton(Skeleton)
        case unreplayable
    }

    let step: ShapeStep?
    /// What the step may find, and the node that follows each (kept apart, so that finding
    /// the branch copies no node).
    let kinds: [ShapeKind]
    let nodes: [ShapeNode]
    let end: End?

    private init(step: ShapeStep?, branches: [(kind: ShapeKind, node: ShapeNode)], end: End?) {
        self.step = step
        kinds = branches.map(\.kind)
        nodes = branches.map(\.node)
        self.end = end
    }

    var branches: [(kind: ShapeKind, node: ShapeNode)] { Array(zip(kinds, nodes)) }

    func branch(_ kind: ShapeKind) -> ShapeNode? {
        kinds.firstIndex(of: kind).map { nodes[$0] }
    }

    /// `tree` with `path` and its end added; unchanged where the path is already there,
    /// and also where it disagrees with the tree (which a deterministic renderer never does).
    static func inserting(_ path: [(step: ShapeStep, kind: ShapeKind)], end: End, into tree: ShapeNode?) -> ShapeNode {
        // The existing nodes along the path, then new ones below them, rebuilt from the leaf up
        // (no recursion: an archive page makes thousands of lookups).
        var existing: [ShapeNode] = []
        var node = tree
        for (step, kind) in path {
            guard let current = node else { break }
            guard current.step == step else { return existing.first ?? current }   // `tree`, unchanged
            existing.append(current)
            node = current.branch(kind)
        }
        if existing.count == path.count, let node { return existing.first ?? node }   // known already: `tree`
        var built = ShapeNode(step: nil, branches: [], end: end)
        for index in path.indices.reversed() {
            let (step, kind) = path[index]
            if index < existing.count {
                let old = existing[index]
                built = ShapeNode(step: step, branches: old.branches.filter { $0.kind != kind } + [(kind, built)], end: nil)
            } else {
                built = ShapeNode(step: step, branches: [(kind, built)], end: nil)
            }
        }
        return built
    }
}

/// A page rendered with markers for its texts: literal pieces and numbered holes.
struct Skeleton: Sendable {
    enum Piece: Sendable {
        case literal(String)
        case text(Int, escaped: Bool)
    }

    let pieces: [Piece]
    /// The UTF-8 length of the literal pieces.
    private let literalLength: Int

    init(pieces: [Piece]) {
        self.pieces = pieces
        literalLength = pieces.reduce(0) { if case .literal(let text) = $1 { $0 + text.utf8.count } else { $0 } }
    }

    /// The page's UTF-8 with `texts` in the holes, escaped where the template escapes them.
    func fill(_ texts: [String]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(literalLength + texts.reduce(0) { $0 + $1.utf8.count } + 256)
        for piece in pieces {
            switch piece {
            case .literal(let literal): output.append(contentsOf: literal.utf8)
            case .text(let slot, let escaped):
                if escaped { texts[slot].appendHTMLEscaped(to: &output) } else { output.append(contentsOf: texts[slot].utf8) }
            }
        }
        return output
    }
}
