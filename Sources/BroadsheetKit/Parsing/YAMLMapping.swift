import CYaml
import Yams

/// A YAML mapping read with Yams, whose values are read back with their line
/// numbers in the file (not in the YAML block), so errors point at the bad key.
struct YAMLMapping {
    struct Entry {
        var key: String
        var value: Node
        /// Where the key is in the file.
        var line: Int
        var column: Int
        /// Where the value starts in the file (its column, when known), for errors about it.
        var valueLine: Int
        var valueColumn: Int?
    }

    let path: String
    /// Lines before the YAML text in its file (1 for front matter after its `---` fence).
    let lineOffset: Int
    let entries: [Entry]

    /// Front matter and `site.yml` are small; anything larger is a mistake or an attack.
    static let maxBytes = 256 * 1024

    /// Parses `yaml`; an empty document is an empty mapping. Plain front matter is read
    /// without Yams (`PlainYAML`).
    static func parse(_ yaml: String, path: String, lineOffset: Int) -> Result<YAMLMapping, Diagnostic> {
        guard yaml.utf8.count <= maxBytes else {
            return .failure(.error(path, line: lineOffset + 1, "the YAML block is \(yaml.utf8.count / 1024) KB; expected at most \(maxBytes / 1024) KB"))
        }
        if let entries = PlainYAML.entries(yaml, lineOffset: lineOffset) {
            return .success(YAMLMapping(path: path, lineOffset: lineOffset, entries: entries))
        }
        return parseWithYams(yaml, path: path, lineOffset: lineOffset)
    }

    /// `parse` through Yams, whatever the text.
    static func parseWithYams(_ yaml: String, path: String, lineOffset: Int) -> Result<YAMLMapping, Diagnostic> {
        // Aliases are expanded by Yams (and keys hashed whole): a "billion laughs" bomb of
        // 1 KB would take minutes and gigabytes, so its size is counted first, in linear time.
        // (An alias needs a `*`; most front matter has none and skips this pass.)
        if yaml.utf8.contains(UInt8(ascii: "*")), let (line, column) = aliasExpansionOverflow(in: yaml, limit: maxExpandedNodes) {
            return .failure(.error(path, line: line + lineOffset, column: column,
                                   "the YAML's aliases (`*name`) expand to more than \(maxExpandedNodes) values; expected plain values, each written out"))
        }
        // Every value is read as text (`YAMLReader`), so scalars need no type: the basic
        // resolver skips the regular expressions Yams runs on each key to find duplicates
        // (a quarter of the parse), and a fixed encoding skips reading the environment on
        // every call (a third).
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
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
            entries.append(Entry(key: key, value: value, line: line, column: column, lineOffset: lineOffset))
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
            // Something never closed (a quote, a `[`) is found at the end of the block, which is
            // the closing fence; the line to fix is where it was opened.
            let at = isAtEnd(mark, of: yaml) ? context?.mark ?? mark : mark
            return .error(path, line: at.line + lineOffset, column: at.column, "invalid YAML (\(detail)); expected `key: value` lines")
        case let YamlError.reader(problem, offset, value, _):
            // e.g. a control character; Yams' own description quotes the whole line, over several lines
            let (line, column) = offset.map { position(ofCharacter: $0, in: yaml) } ?? (1, 1)
            let character = value >= 0 ? String(format: " U+%04X", value) : ""
            return .error(path, line: line + lineOffset, column: column, "invalid YAML (\(problem):\(character)); expected printable text")
        default:
            return .error(path, line: lineOffset + 1, "invalid YAML (\(error)); expected `key: value` lines")
        }
    }

    /// Line and column (1-based, column in Unicode scalars as libyaml counts) of the `offset`-th character.
    private static func position(ofCharacter offset: Int, in yaml: String) -> (Int, Int) {
        let head = yaml.prefix(offset)
        let line = head.count { $0 == "\n" } + 1
        let column = (head.lastIndex(of: "\n").map { head[head.index(after: $0)...] } ?? head).unicodeScalars.count + 1
        return (line, column)
    }

    /// Whether `mark` is at (or past) the end of the text: where libyaml reports what is never closed.
    private static func isAtEnd(_ mark: Mark, of yaml: String) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        return mark.line > lines.count || (mark.line == lines.count && mark.column > lines[lines.count - 1].unicodeScalars.count)
    }

    /// Nodes the document may hold once every alias is expanded; real front matter and
    /// `site.yml` have a few hundred.
    static let maxExpandedNodes = 100_000

    /// Where (1-based line and column in `yaml`) the nodes of the document, aliases expanded,
    /// first exceed `limit`; nil when they never do or the text does not parse (Yams then
    /// reports why). Counted from libyaml's events, so the work is linear in the text.
    static func aliasExpansionOverflow(in yaml: String, limit: Int) -> (Int, Int)? {
        var parser = yaml_parser_t()
        guard yaml.utf8.contains(UInt8(ascii: "*")), yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Int, Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]          // anchor → nodes of its value, expanded
            var open: [(anchor: String?, size: Int)] = []
            var total = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let name: (UnsafeMutablePointer<yaml_char_t>?) -> String? = { $0.map { String(cString: $0) } }
                var added = 0
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    added = 1
                    if let anchor = name(event.data.scalar.anchor) { sizes[anchor] = 1 }
                case YAML_ALIAS_EVENT:
                    added = name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                    total += 1
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                    total += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return nil }
                    if let anchor = closed.anchor { sizes[anchor] = closed.size }
                    if !open.isEmpty { open[open.count - 1].size += closed.size }
                default:
                    break
                }
                if added > 0 {
                    total += added
                    if !open.isEmpty { open[open.count - 1].size += added }
                }
                if total > limit { return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1) }
            }
            return nil
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

}

extension YAMLMapping.Entry {
    /// An entry of Yams' nodes (at `line`, `column` in the file): the value is where its mark
    /// is (`lineOffset` lines into the file), or else on the key's line.
    init(key: String, value: Node, line: Int, column: Int, lineOffset: Int) {
        self.init(key: key, value: value, line: line, column: column,
                  valueLine: value.mark.map { $0.line + lineOffset } ?? line, valueColumn: value.mark?.column)
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
        diagnostics.append(.error(mapping.path, line: entry.valueLine, column: entry.valueColumn, message))
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
