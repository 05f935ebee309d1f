import BroadsheetKit
import Foundation
import Hummingbird

/// The output folder as Hummingbird's `FileMiddleware` sees it. A request path
/// names a file only if its real path (after following symlinks) stays inside the
/// folder, no part of it is hidden (like the build manifest), and it is a regular
/// file or a folder. HTML files are served with the live-reload script added, so
/// their size, ranges and body all describe the page as sent, not as on disk.
struct OutputFiles: FileProvider {
    struct FileAttributes: FileMiddlewareFileAttributes, Sendable {
        var isFolder: Bool
        var size: Int
        var modificationDate: Date
    }

    /// The real path of the file.
    typealias FileIdentifier = String

    let folder: URL
    let script: [UInt8]
    private let fileIO = FileIO()

    init(folder: URL, script: [UInt8]) {
        self.folder = folder
        self.script = script
    }

    func getFileIdentifier(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0.hasPrefix(".") }), let root = Self.realPath(folder.path) else { return nil }
        guard let real = Self.realPath(([root] + parts.map(String.init)).joined(separator: "/")) else { return nil }
        return real == root || real.hasPrefix(root + "/") ? real : nil
    }

    func getAttributes(id: String) async throws -> FileAttributes? {
        guard let status = FileStatus(path: id), status.kind != .other else { return nil }
        let isFolder = status.kind == .folder
        return FileAttributes(isFolder: isFolder, size: !isFolder && Self.isHTML(id) ? status.size + script.count : status.size,
                              modificationDate: status.modificationDate)
    }

    func loadFile(id: String, context: some RequestContext) async throws -> ResponseBody {
        guard Self.isHTML(id) else { return try await fileIO.loadFile(path: id, context: context) }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: try page(id)))
    }

    func loadFile(id: String, range: ClosedRange<Int>, context: some RequestContext) async throws -> ResponseBody {
        guard Self.isHTML(id) else { return try await fileIO.loadFile(path: id, range: range, context: context) }
        let bytes = try page(id)
        guard !bytes.isEmpty else { return ResponseBody() }
        return ResponseBody(byteBuffer: ByteBuffer(bytes: bytes[range.clamped(to: 0...(bytes.count - 1))]))
    }

    /// An HTML file's bytes with the script before its last `</body>` (or at the end).
    private func page(_ id: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: id) else { throw HTTPError(.notFound) }
        return Self.inject(script, into: [UInt8](data))
    }

    static func inject(_ script: [UInt8], into html: [UInt8]) -> [UInt8] {
        let marker = Array("</body".utf8)
        var start = html.count - marker.count
        while start >= 0 {
            if zip(html[start...], marker).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) == $1 }) { break }
            start -= 1
        }
        let at = start >= 0 ? start : html.count
        return Array(html[..<at]) + script + Array(html[at...])
    }

    static func isHTML(_ path: String) -> Bool {
        path.hasSuffix(".html") || path.hasSuffix(".htm")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Answers a miss with the site's `404.html` (status 404), or a bare page when the
/// site has none yet, so the live-reload script can still show build errors.
struct NotFoundPage<Context: RequestContext>: RouterMiddleware {
    let files: OutputFiles

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            if response.status != .notFound { return response }
        } catch let error as any HTTPResponseError where error.status == .notFound {}

        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        if let id = files.getFileIdentifier("/404.html"), let attributes = try await files.getAttributes(id: id), !attributes.isFolder {
            headers[.contentLength] = String(attributes.size)
            let body = request.method == .head ? ResponseBody() : try await files.loadFile(id: id, context: context)
            return Response(status: .notFound, headers: headers, body: body)
        }
        let page = OutputFiles.inject(files.script, into: Array("<!DOCTYPE html>\n<title>Not found</title>\n<body>\n<h1>Not found</h1>\n</body>\n".utf8))
        headers[.contentLength] = String(page.count)
        return Response(status: .notFound, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }
}
