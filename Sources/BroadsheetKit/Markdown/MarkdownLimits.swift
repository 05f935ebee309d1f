/// Rejects the markdown shapes on which Debian's cmark 0.30 takes super-linear time
/// (measured here: 100,000 nested `>` or `- ` markers before emphasis, 28–84 s;
/// `![[]()` repeated 40,000 times, 7 s), so one hostile file cannot hang a build.
/// The limits sit far above what real articles use: every check is linear.
enum MarkdownLimits {
    /// Block containers (`>`, `-`, `*`, `+`, `1.`) opened on one line.
    static let maxNesting = 64
    /// `[` in one body; 20,000 of the worst pattern still render in 0.1 s.
    static let maxBrackets = 20_000
    static let maxBytes = 4 * 1024 * 1024

    /// The first limit the body breaks, with its line within the body (1-based).
    static func violation(in body: String) -> (line: Int, message: String)? {
        if body.utf8.count > maxBytes {
            return (1, "the body is \(body.utf8.count / 1024) KB; expected at most \(maxBytes / 1024 / 1024) MB")
        }
        var brackets = 0
        var line = 1
        var atLineStart = true
        var bytes = body.utf8.makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? bytes.next() {
            pending = nil
            if atLineStart {
                atLineStart = false
                let (depth, next) = nesting(&bytes, first: byte)
                if depth > maxNesting {
                    return (line, "the body nests \(depth) quotes or lists on one line; expected at most \(maxNesting)")
                }
                pending = next
                continue
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
            } else if byte == UInt8(ascii: "[") {
                brackets += 1
                if brackets > maxBrackets {
                    return (line, "the body has more than \(maxBrackets) `[` brackets; expected fewer (cmark slows down badly on such input)")
                }
            }
        }
        return nil
    }

    /// Counts container markers at the start of a line; returns the count and the
    /// first byte after them (to be read as ordinary text).
    private static func nesting(_ bytes: inout String.UTF8View.Iterator, first: UInt8) -> (Int, UInt8?) {
        var depth = 0
        var current: UInt8? = first
        var sawMarker = false
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                sawMarker = false
            case UInt8(ascii: ">"):
                depth += 1
                sawMarker = false
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"):
                if sawMarker { return (depth, byte) }
                depth += 1
                sawMarker = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: ")"):
                break
            default:
                return (depth, byte)
            }
            current = bytes.next()
        }
        return (depth, nil)
    }
}
