import Yams

/// A YAML mapping read with Yams, whose values are read back with their line
/// numbers in the file (not in the YAML block), so errors point at the bad key.
struct YAMLMapping {
    struct Entry {
        var key: String
        var value: Node
        var line: Int
        var column: Int
    }

    let path: String
    /// Lines before the YAML text in its file (1 for front matter after its `---` fence).
    let lineOffset: Int
    let entries: [Entry]

    /// Front matter and `site.yml` are small; anything larger is a mistake or an attack.
    static let maxBytes = 256 * 1024

    /// Parses `yaml`; an empty document is an empty mapping.
    static func parse(_ yaml: String, path: String, lineOffset: Int) -> Result<YAMLMapping, Diagnostic> {
        guard yaml.utf8.count <= maxBytes else {
            return .failure(.error(path, line: lineOffset + 1, "the YAML block is \(yaml.utf8.count / 1024) KB; expected at most \(maxBytes / 1024) KB"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            return .failure(diagnostic(for: error, yaml: yaml, path: path, lineOffset: lineOffset))
        }
        guard let root else {
            return .success(YAMLMapping(path: path, lineOffset: lineOffset, entries: []))
        }
        guard let mapping = root.mapping else {
            let line = (root.mark?.line ?? 1) + lineOffset
            return .failure(.error(path, line: line, "the YAML is a \(root.kindName), not a mapping; expected `key: value` lines"))
        }
        var entries: [Entry] = []
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let line = (keyNode.mark?.line ?? 1) + lineOffset
            let column = keyNode.mark?.column ?? 1
            guard let key = keyNode.scalar?.string else {
                return .failure(.error(path, line: line, column: column, "a key is a \(keyNode.kindName); expected a plain name"))
            }
            guard seen.insert(key).inserted else {
                return .failure(.error(path, line: line, column: column, "the key `\(key)` appears twice; expected each key once"))
            }
            entries.append(Entry(key: key, value: value, line: line, column: column))
        }
        return .success(YAMLMapping(path: path, lineOffset: lineOffset, entries: entries))
    }

    private static func diagnostic(for error: Error, yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case let YamlError.duplicatedKeysInMapping(duplicates, context):
            // Yams marks the first use; point at the repeat, which is the line to fix.
            let key = duplicates.first ?? ""
            let line = repeatedKeyLine(key, in: yaml, after: context.mark) ?? context.mark.line
            return .error(path, line: line + lineOffset, column: context.mark.column, "the key `\(key)` appears twice; expected each key once")
        case let YamlError.scanner(context, problem, mark, _),
             let YamlError.parser(context, problem, mark, _),
             let YamlError.composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .error(path, line: mark.line + lineOffset, column: mark.column, "invalid YAML (\(detail)); expected `key: value` lines")
        default:
            return .error(path, line: lineOffset + 1, "invalid YAML (\(error)); expected `key: value` lines")
        }
    }

    /// The YAML line (1-based) where `key` is used again at the indentation of its first use.
    private static func repeatedKeyLine(_ key: String, in yaml: String, after first: Mark) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = String(repeating: " ", count: max(0, first.column - 1))
        guard first.line >= 1, first.line < lines.count else { return nil }
        for index in first.line..<lines.count where lines[index].hasPrefix(indent) {
            let rest = lines[index].dropFirst(indent.count)
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                if rest.dropFirst(spelling.count).drop(while: { $0 == " " || $0 == "\t" }).first == ":" { return index + 1 }
            }
        }
        return nil
    }

    func line(of node: Node, fallback: Entry) -> Int {
        node.mark.map { $0.line + lineOffset } ?? fallback.line
    }
}

/// Typed reads of YAML values; each failure becomes a diagnostic at the value's line.
struct YAMLReader {
    let mapping: YAMLMapping
    var diagnostics: [Diagnostic] = []

    init(_ mapping: YAMLMapping) {
        self.mapping = mapping
    }

    mutating func fail(_ entry: YAMLMapping.Entry, _ message: String) {
        diagnostics.append(.error(mapping.path, line: mapping.line(of: entry.value, fallback: entry), column: entry.value.mark?.column, message))
    }

    mutating func string(_ entry: YAMLMapping.Entry) -> String? {
        guard let scalar = entry.value.scalar else {
            fail(entry, "`\(entry.key)` is a \(entry.value.kindName); expected a single text value")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ entry: YAMLMapping.Entry) -> Bool? {
        switch entry.value.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(entry, "`\(entry.key)` is \(entry.value.shortDescription); expected true or false")
            return nil
        }
    }

    mutating func positiveInt(_ entry: YAMLMapping.Entry) -> Int? {
        guard let text = entry.value.scalar?.string, let value = Int(text), value > 0 else {
            fail(entry, "`\(entry.key)` is \(entry.value.shortDescription); expected a whole number above 0")
            return nil
        }
        return value
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func stringList(_ entry: YAMLMapping.Entry) -> [String]? {
        if let scalar = entry.value.scalar {
            return scalar.string.isEmpty ? [] : [scalar.string]
        }
        guard let sequence = entry.value.sequence else {
            fail(entry, "`\(entry.key)` is a \(entry.value.kindName); expected a list like [a, b]")
            return nil
        }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                fail(entry, "an item of `\(entry.key)` is a \(item.kindName); expected plain text")
                return nil
            }
            result.append(text)
        }
        return result
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// The value as a user would recognise it in an error message.
    var shortDescription: String {
        if let text = scalar?.string { return "\"\(text.prefix(60))\"" }
        return "a \(kindName)"
    }
}
