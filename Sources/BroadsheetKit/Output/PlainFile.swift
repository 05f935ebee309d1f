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
        try create(path) { write in try bytes.withUnsafeBytes(write) }
    }

    /// `create`, with the bytes given in parts: `body` calls `write` with each, in order.
    static func create(_ path: String, _ body: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        try body { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                guard written > 0 else { throw POSIXFailure(operation: "write", path: path, code: errno) }
                offset += written
            }
        }
    }
}

extension PlainFile {
    /// The file's bytes, read straight into an array (Foundation reads into `Data`,
    /// which then has to be copied, and a zero-filled array is written twice); nil when it
    /// cannot be opened or read.
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var failed = false
        // One byte more than the size, so that a file which grew meanwhile is noticed.
        let size = max(Int(info.st_size), 0) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            failed = !readAll(descriptor, into: buffer, count: &count)
        }
        var full = bytes.count >= size
        while !failed, full {   // the file grew meanwhile: the rest, a chunk at a time
            let chunk = [UInt8](unsafeUninitializedCapacity: 65_536) { buffer, count in
                failed = !readAll(descriptor, into: buffer, count: &count)
            }
            bytes += chunk
            full = chunk.count >= 65_536
        }
        return failed ? nil : bytes
    }

    /// Reads into `buffer` until it is full or the file ends; `count` is how much it holds.
    /// False on a read error.
    private static func readAll(_ descriptor: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, count: inout Int) -> Bool {
        while count < buffer.count {
            let got = Glibc.read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            if got < 0 { return false }
            if got == 0 { break }
            count += got
        }
        return true
    }
}

/// A failed system call, described for people.
struct POSIXFailure: Error, CustomStringConvertible {
    var operation: String
    var path: String
    var code: Int32

    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
