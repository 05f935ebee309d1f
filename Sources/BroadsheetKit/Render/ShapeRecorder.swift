import Mustache

/// Parents whose lambdas a `ShapeCache` may call itself: swift-mustache does not let
/// other code call a `MustacheLambda`, so the parent that hands one out calls it by name.
protocol TemplateLambdas: MustacheParent {
    /// What the lambda `name` returns for a section's text.
    func callLambda(named name: String, text: String) -> Any?
}

/// A value found by a lookup, sorted the way both recording and replay see it.
enum ShapeValue {
    case missing
    case text(String, original: Any)
    case int(Int)
    case bool(Bool)
    case object(any MustacheParent)
    case lambda
    case list([Any])
    case opaque

    init(_ value: Any?) {
        guard let value else { self = .missing; return }
        switch value {
        case let text as TemplateText: self = .text(text.text, original: text)
        case let object as any TemplateObject: self = .object(object)
        case let text as String: self = .text(text, original: text)
        case let text as Substring: self = .text(String(text), original: text)
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .int(int)
        case is MustacheLambda: self = .lambda
        case let list as [Any]: self = .list(list)
        case is MustacheCustomRenderable, is MustacheTransformable, is MustacheCustomRepresentation, is MustacheTemplate:
            self = .opaque
        case let parent as any MustacheParent: self = .object(parent)
        default: self = .opaque
        }
    }

    /// A lambda's result: swift-mustache compiles a `String` as a template, and prints anything else.
    init(lambdaResult value: Any?) {
        switch value {
        case nil: self = .missing
        case let rendered as RegionCache.Rendered: self = .text(rendered.text, original: rendered)
        default: self = .opaque
        }
    }
}

/// Renders one page through stand-ins: each lookup on a stand-in looks up the real value,
/// records the lookup and what it found, and answers with a stand-in for that, each text
/// a numbered marker. What swift-mustache renders then is the page's skeleton.
final class ShapeRecorder {
    private var path: [(step: ShapeStep, kind: ShapeKind)] = []
    private var texts: [String] = []
    /// Objects by number, for the lambdas they hold.
    private var parents: [Int: any MustacheParent] = [:]
    private var nextID = 1
    private var opaque = false

    /// The root's stand-in.
    func probe(_ root: any MustacheParent) -> Any {
        parents[0] = root
        return Probe(recorder: self, id: 0, real: root)
    }

    /// The recording, given what swift-mustache rendered through the stand-ins.
    func finish(_ marked: String) -> (path: [(step: ShapeStep, kind: ShapeKind)], end: ShapeNode.End, texts: [String]) {
        guard !opaque, let skeleton = Marker.skeleton(of: marked, endsLine: texts.map(\.endsLine)) else { return (path, .unreplayable, texts) }
        return (path, .skeleton(skeleton), texts)
    }

    fileprivate func record(_ step: ShapeStep, _ value: ShapeValue) -> Any? {
        let (kind, standIn) = standIn(for: value, foundBy: step)
        if !opaque { path.append((step, kind)) }
        if kind.isOpaque { opaque = true }
        return standIn
    }

    /// Numbers the value (and a list's items after it) as `ShapeReplay` does.
    private func standIn(for value: ShapeValue, foundBy step: ShapeStep?) -> (ShapeKind, Any?) {
        let id = nextID
        nextID += 1
        switch value {
        case .missing: return (.missing, nil)
        case .text(let text, let original):
            guard !text.isEmpty else { return (.emptyText, original) }
            return (.text(endsLine: text.endsLine), marker(text, id: id, real: original))
        case .int(let int): return (.int, marker(String(int), id: id, real: int))
        case .bool(let bool): return (.bool(bool), bool)
        case .object(let parent):
            parents[id] = parent
            return (.object, Probe(recorder: self, id: id, real: parent))
        case .lambda:
            // Called through the parent it was found on (`TemplateLambdas`).
            guard case .child(let parentID, let name)? = step, let parent = parents[parentID] as? TemplateLambdas else { return (.opaque, nil) }
            return (.lambda, MustacheLambda { [self] text in
                record(.lambda(of: parentID, named: name, text: text), ShapeValue(lambdaResult: parent.callLambda(named: name, text: text)))
            })
        case .list(let items):
            let standIns = items.map { standIn(for: ShapeValue($0), foundBy: nil) }
            // (An item has no stand-in only when it is opaque, and then the page is not replayed.)
            return (.forList(standIns.map(\.0)), standIns.map { $0.1 ?? () })
        case .opaque: return (.opaque, nil)
        }
    }

    private func marker(_ text: String, id: Int, real: Any) -> Marker {
        texts.append(text)
        return Marker(recorder: self, id: id, slot: texts.count - 1, endsLine: text.endsLine, real: real)
    }

    /// What swift-mustache printed cannot be stood in for: the page is not replayed.
    fileprivate func opaqueUse() { opaque = true }
}

private extension ShapeKind {
    var isOpaque: Bool {
        switch self {
        case .opaque: true
        case .list(let kinds): kinds.contains { $0.isOpaque }
        default: false
        }
    }
}

/// An object's stand-in.
private struct Probe: MustacheParent, CustomStringConvertible, CustomDebugStringConvertible {
    let recorder: ShapeRecorder
    let id: Int
    let real: any MustacheParent

    func child(named name: String) -> Any? {
        recorder.record(.child(of: id, named: name), ShapeValue(real.child(named: name)))
    }

    // Printing an object prints Swift's description of it: no marker stands for that.
    var description: String { recorder.opaqueUse(); return "" }
    var debugDescription: String { description }
}

/// A text's stand-in: it renders as `\u{E000}` slot `\u{E001}&`, and the `&` tells
/// whether the template escaped it (`&amp;`) or not; a final newline of the text is kept.
struct Marker: MustacheCustomRenderable, MustacheTransformable, MustacheParent, CustomStringConvertible, CustomDebugStringConvertible {
    private static let open: Unicode.Scalar = "\u{E000}"
    private static let close: Unicode.Scalar = "\u{E001}"

    fileprivate let recorder: ShapeRecorder
    fileprivate let id: Int
    fileprivate let slot: Int
    fileprivate let endsLine: Bool
    fileprivate let real: Any

    var renderText: String { "\(Self.open)\(slot)\(Self.close)&" + (endsLine ? "\n" : "") }
    var isNull: Bool { false }
    /// What a lambda's result prints as.
    var description: String { renderText }
    var debugDescription: String { recorder.opaqueUse(); return "" }

    func transform(_ name: String) -> Any? {
        recorder.record(.transform(of: id, named: name), ShapeValue((real as? MustacheTransformable)?.transform(name)))
    }

    func child(named name: String) -> Any? { nil }

    /// Whether swift-mustache can find the markers in a template's own text.
    static func canAppear(in text: String) -> Bool {
        text.unicodeScalars.contains(open) || text.unicodeScalars.contains(close)
    }

    /// `marked` cut at its markers; nil if a marker is not whole (then the page is not replayed).
    static func skeleton(of marked: String, endsLine: [Bool]) -> Skeleton? {
        var pieces: [Skeleton.Piece] = []
        var scalars = Substring(marked).unicodeScalars
        func skip(_ expected: String) -> Bool {
            guard scalars.starts(with: expected.unicodeScalars) else { return false }
            scalars = scalars.dropFirst(expected.unicodeScalars.count)
            return true
        }
        while let start = scalars.firstIndex(of: open) {
            if start > scalars.startIndex { pieces.append(.literal(String(scalars[..<start]))) }
            scalars = scalars[scalars.index(after: start)...]
            guard let end = scalars.firstIndex(of: close), let slot = Int(String(scalars[..<end])), endsLine.indices.contains(slot) else { return nil }
            scalars = scalars[scalars.index(after: end)...]
            let escaped = skip("&amp;")
            guard escaped || skip("&"), !endsLine[slot] || skip("\n") else { return nil }
            pieces.append(.text(slot, escaped: escaped))
        }
        if !scalars.isEmpty { pieces.append(.literal(String(scalars))) }
        return Skeleton(pieces: pieces)
    }
}
