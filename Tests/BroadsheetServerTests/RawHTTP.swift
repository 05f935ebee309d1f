import BroadsheetServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to 127.0.0.1, so request lines and headers go out exactly
/// as written (a client library would normalise `/../` or refuse absolute-form).
/// The blocking socket calls run on a Dispatch thread, not the cooperative pool.
final class RawConnection: Sendable {
    private let fd: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TimedOut(description: "no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw TimedOut(description: "cannot connect to 127.0.0.1:\(port)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until `marker` has arrived (or, with nil, until the server closes),
    /// for at most `seconds`; returns what was read.
    func receive(until marker: String?, seconds: Double = 10) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                let deadline = Date().addingTimeInterval(seconds)
                while Date() < deadline {
                    let count = buffer.withUnsafeMutableBytes { read(self.fd, $0.baseAddress, $0.count) }
                    if count == 0 { break }
                    if count > 0 {
                        received += buffer[..<count]
                        if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
                    }
                }
                continuation.resume(returning: String(decoding: received, as: UTF8.self))
            }
        }
    }
}

/// A response read off the wire.
struct RawResponse {
    var status: Int
    var head: String
    var body: String

    init(_ text: String) {
        let parts = text.components(separatedBy: "\r\n\r\n")
        head = parts.first ?? ""
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
        status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n").dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == name.lowercased() { return pair[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }
}

/// One request with `Connection: close`; `host` nil sends no `Host` header at all.
func rawRequest(port: Int, _ method: String = "GET", _ target: String, host: String? = "localhost") async throws -> RawResponse {
    let connection = try RawConnection(port: port)
    let hostLine = host.map { "Host: \($0)\r\n" } ?? ""
    connection.send("\(method) \(target) HTTP/1.1\r\n\(hostLine)Connection: close\r\n\r\n")
    return RawResponse(await connection.receive(until: nil))
}

/// Runs the server on 127.0.0.1 with a free port for the length of `body`, then
/// shuts it down gracefully, as Ctrl-C does, and waits until it has stopped.
func withLiveServer<T: Sendable>(_ server: PreviewServer, _ log: EventLog, _ body: @Sendable (Int) async throws -> T) async throws -> T {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    let services = ServiceGroup(configuration: .init(services: [server.makeApplication()], logger: logger))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        let result: Result<T, any Error>
        do {
            try await eventually("the server to listen") { await log.port != nil }
            result = .success(try await body(await log.port ?? 0))
        } catch {
            result = .failure(error)
        }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}
