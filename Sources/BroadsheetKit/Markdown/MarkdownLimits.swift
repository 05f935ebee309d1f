/// Rejects the markdown shapes on which Debian's cmark 0.30 takes super-linear time
/// (measured here: 100,000 nested `>` or `- ` markers before emphasis, 28–84 s;
/// 20,000 nested `1. ` before emphasis, 24 s; `![[]()` repeated 40,000 times, 7 s;
/// 1,000 list levels built up by indentation, then a million `a*`, 10 s), so one
/// hostile file cannot hang a build. The limits sit far above what real articles
/// use: every check is linear.
///
/// cmark's cost here is inline nodes times the depth of the block they sit in (each
/// node added walks up its ancestors), so besides the markers on one line the check
/// estimates each line's depth, from its markers and indentation, carried over to
/// lazy continuation lines, and bounds the sum of depth × inline markup over the body.
enum MarkdownLimits {
    /// Block containers (`>`, `-`, `*`, `+`, `1.`, `1)`) opened on one line.
    static let maxNesting = 64
    /// `[` in one body; 20,000 of the worst pattern still render in 0.1 s.
    static let maxBrackets = 20_000
    static let maxBytes = 4 * 1024 * 1024
    /// Sum over the lines of estimated depth × (inline markup characters + 1); about a
    /// second of cmark's time. A 4 MB body of nothing but markup at depth 12 stays below.
    static let maxNestedMarkup = 50_000_000

    /// The first limit the body breaks, with its line within the body (1-based).
    static func violation(in body: String) -> (line: Int, message: String)? {
        if body.utf8.count > maxBytes {
            return (1, "the body is \(body.utf8.count / 1024) KB; expected at most \(maxBytes / 1024 / 1024) MB")
        }
        var body = body
        return body.withUTF8 { violation(inBytes: $0) }
    }

    private static func violation(inBytes buffer: UnsafeBufferPointer<UInt8>) -> (line: Int, message: String)? {
        var brackets = 0
        var line = 1
        var depth = 0
        var work = 0
        var bytes = buffer.makeIterator()
        var next = bytes.next()
        while let first = next {
            let start = lineStart(&bytes, first: first)
            if start.markers > maxNesting {
                return (line, "the body nests \(start.markers) quotes or lists on one line; expected at most \(maxNesting)")
            }
            var markup = 0
            var byte = start.next
            while let current = byte, current != UInt8(ascii: "\n") {
                switch current {
                case UInt8(ascii: "["):
                    brackets += 1
                    if brackets > maxBrackets {
                        return (line, "the body has more than \(maxBrackets) `[` brackets; expected fewer (cmark slows down badly on such input)")
                    }
                    markup += 1
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "]"), UInt8(ascii: "!"), UInt8(ascii: "`"),
                     UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                    markup += 1
                default:
                    break
                }
                byte = bytes.next()
            }
            if start.markers > 0 {
                depth = start.markers + start.columns / 2           // a new block, at its own depth
            } else if start.next == nil || start.next == UInt8(ascii: "\n") {
                depth = 0                                           // a blank line ends lazy continuation
            } else {
                depth = max(depth, start.columns / 2)               // continues (maybe lazily) the block above
            }
            work += depth * (markup + 1)
            if work > maxNestedMarkup {
                return (line, "the body has too much inline markup inside deeply nested lists or quotes (this line is about \(depth) levels deep); expected shallower nesting (cmark slows down badly on such input)")
            }
            line += 1
            next = byte == nil ? nil : bytes.next()
        }
        return nil
    }

    /// Reads the container markers and indentation at the start of a line: how many
    /// markers, how many columns of spaces (a tab counts 4), and the first byte after
    /// them (to be read as ordinary text; nil at the end of the body).
    private static func lineStart(_ bytes: inout UnsafeBufferPointer<UInt8>.Iterator, first: UInt8) -> (markers: Int, columns: Int, next: UInt8?) {
        var markers = 0
        var columns = 0
        var listMarker = false  // `-`, `*`, `+`, `1.` or `1)` read, waiting for the space that makes it one
        var digits = 0
        var current: UInt8? = first
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                columns += byte == UInt8(ascii: " ") ? 1 : 4
                if listMarker { markers += 1 }
                if digits > 0 { return (markers, columns, byte) }
                listMarker = false
            case UInt8(ascii: ">") where !listMarker && digits == 0:
                markers += 1
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                if listMarker || digits > 0 { return (markers, columns, byte) }
                listMarker = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where !listMarker:
                digits += 1
            case UInt8(ascii: "."), UInt8(ascii: ")"):
                guard digits > 0, !listMarker else { return (markers, columns, byte) }
                digits = 0
                listMarker = true
            default:
                if listMarker, byte == UInt8(ascii: "\n") { markers += 1 }
                return (markers, columns, byte)
            }
            current = bytes.next()
        }
        return (markers + (listMarker ? 1 : 0), columns, nil)
    }
}
