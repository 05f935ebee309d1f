import CCmark
import Foundation

/// A markdown body rendered by libcmark: safe HTML plus the plain text that
/// topic rules, summaries and search read. The only file that talks to cmark.
struct CommonMark {
    struct Rendered: Sendable {
        var html: String
        var plainText: String
        var firstParagraph: String
    }

    /// Never `CMARK_OPT_UNSAFE`: raw HTML is replaced by a comment and
    /// `javascript:`, `vbscript:`, `file:` and non-image `data:` links are dropped.
    /// No `CMARK_OPT_VALIDATE_UTF8`: a `String` is valid UTF-8 already (cmark replaces
    /// NUL bytes either way), so checking it again would only cost a pass over each body.
    private static let options = CMARK_OPT_SMART

    static func render(_ markdown: String) -> Rendered {
        var markdown = markdown
        let document = markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
        guard let document else { return Rendered(html: "", plainText: "", firstParagraph: "") }
        defer { cmark_node_free(document) }

        let html: String
        if let pointer = cmark_render_html(document, options) {
            defer { free(pointer) }
            html = String(cString: pointer)
        } else {
            html = ""
        }
        let (plainText, firstParagraph) = text(of: document, sizeHint: markdown.utf8.count)
        return Rendered(html: html, plainText: plainText, firstParagraph: firstParagraph)
    }

    /// The words of the document, blocks separated by newlines; and the first paragraph's.
    /// Gathered as bytes (cmark's texts are UTF-8) and made into strings once.
    /// `sizeHint`: the markdown's length, about the text's (room made once, not grown by doubling).
    private static func text(of document: OpaquePointer, sizeHint: Int) -> (String, String) {
        guard let iterator = cmark_iter_new(document) else { return ("", "") }
        defer { cmark_iter_free(iterator) }
        var all: [UInt8] = []
        all.reserveCapacity(sizeHint)
        var paragraph: [UInt8] = []
        var paragraphsSeen = 0
        var insideFirstParagraph = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_PARAGRAPH where event == CMARK_EVENT_ENTER:
                paragraphsSeen += 1
                insideFirstParagraph = paragraphsSeen == 1
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM, CMARK_NODE_CODE_BLOCK:
                if event == CMARK_EVENT_EXIT {
                    insideFirstParagraph = false
                    all.append(UInt8(ascii: "\n"))
                }
                if type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node) {
                    all.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                // (Appended here, not in a nested function, whose captured variables would be
                // checked for exclusive access on every use.)
                guard let literal = cmark_node_get_literal(node) else { break }
                let piece = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
                all.append(contentsOf: piece)
                if insideFirstParagraph { paragraph.append(contentsOf: piece) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                all.append(UInt8(ascii: " "))
                if insideFirstParagraph { paragraph.append(UInt8(ascii: " ")) }
            default:
                break
            }
        }
        return (String(decoding: all, as: UTF8.self), String(decoding: paragraph, as: UTF8.self))
    }

}
