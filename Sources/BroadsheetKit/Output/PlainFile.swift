import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files written with plain POSIX calls, as the writer and the build cache need them.
enum PlainFile {
    /// Writes a new file with plain POSIX calls: no temporary file and no fsync
    /// (Foundation's `Data.write` syncs each file, which costs seconds per thousand
    /// pages on a slow disk; the staged, journaled commit protects the tree as a whole).
    static func create(_ path: String, bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, bytes.count - offset)
            }
            guard written > 0 else { throw POSIXFailure(operation: "write", path: path, code: errno) }
            offset += written
        }
    }
}

/// A failed system call, described for people.
struct POSIXFailure: Error, CustomStringConvertible {
    var operation: String
    var path: String
    var code: Int32

    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
