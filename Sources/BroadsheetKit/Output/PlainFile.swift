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

extension PlainFile {
    /// The file's bytes, read straight into an array (Foundation reads into `Data`,
    /// which then has to be copied); nil when it cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // One byte more than the size, so that the read which finds the end has room.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }   // the file grew meanwhile
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress.map { $0 + count }, $0.count - count) }
            if got < 0 { return nil }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}

/// A failed system call, described for people.
struct POSIXFailure: Error, CustomStringConvertible {
    var operation: String
    var path: String
    var code: Int32

    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
