import Hummingbird

/// The outermost middleware: refuses what a preview server must not answer and
/// marks every response, refusals and errors included.
///
/// - `Host` not a loopback name while bound to loopback → 403 (DNS rebinding);
/// - a method other than `GET` or `HEAD` → 405;
/// - a target that is not a plain path (`..` or `.` segments, empty segments,
///   encoded `/`, `\`, `%` or control characters, backslashes) → 400.
///
/// Every response gets `X-Content-Type-Options: nosniff` and, unless it has one,
/// `Cache-Control: no-cache`, so a reload always revalidates.
struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    /// Refuse `Host` names other than loopback ones.
    let loopbackOnly: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        if let refusal = refusal(of: request) {
            response = refusal
        } else {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                context.logger.error("\(request.uri.path): \(error)")
                response = Response(status: .internalServerError)
            }
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-cache" }
        return response
    }

    private func refusal(of request: Request) -> Response? {
        if loopbackOnly, !Loopback.isAuthority(request.head.authority) {
            return Self.text(.forbidden, "This preview server answers only requests for localhost.", request)
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "Only GET and HEAD are allowed.", request)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        guard request.head.path?.hasPrefix("/") == true, Self.isPlainPath(request.uri.path) else {
            return Self.text(.badRequest, "Bad request path.", request)
        }
        return nil
    }

    /// A percent-encoded path that decodes to `/segment/segment…` with nothing that
    /// could step out of the folder or mean something else to the file system.
    static func isPlainPath(_ raw: String) -> Bool {
        let lowered = raw.lowercased()
        guard !["%2f", "%5c", "%25", "\\"].contains(where: lowered.contains),
              let path = raw.removingPercentEncoding, path.hasPrefix("/")
        else { return false }
        guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return false }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return !segments.dropLast().contains(where: \.isEmpty) && !segments.contains { $0 == "." || $0 == ".." }
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String, _ request: Request) -> Response {
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: message + "\n"))
        return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: body)
    }
}

/// Names and addresses only this machine can reach.
enum Loopback {
    /// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
    static func isAuthority(_ authority: String?) -> Bool {
        guard var host = authority?.lowercased()[...] else { return false }
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            let rest = host[host.index(after: end)...]
            guard rest.isEmpty || (rest.first == ":" && isPort(rest.dropFirst())) else { return false }
            return host[host.index(after: host.startIndex)..<end] == "::1"
        }
        if let colon = host.lastIndex(of: ":") {
            guard isPort(host[host.index(after: colon)...]) else { return false }
            host = host[..<colon]
        }
        return isHost(String(host))
    }

    /// A bind address or host name that only this machine can reach.
    static func isHost(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127"
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) && Int($0).map { $0 <= 255 } == true }
    }

    private static func isPort(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy(\.isASCIIDigit)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
