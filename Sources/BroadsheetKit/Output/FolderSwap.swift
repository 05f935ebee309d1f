import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File system moves the writer needs that Foundation does not offer.
enum FolderSwap {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Exchanges two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`), so a
    /// reader or a crash sees either the old tree or the new one, never a mix.
    /// Where that call is missing (other systems, old kernels) it falls back to two renames.
    static func exchange(_ a: URL, _ b: URL) throws {
        #if os(Linux)
        // Looked up at run time: glibc declares it only under _GNU_SOURCE, which Swift's Glibc module does not set.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 2
            if renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, renameExchange) == 0 { return }
        }
        #endif
        let aside = b.deletingLastPathComponent().appendingPathComponent(".\(b.lastPathComponent).broadsheet-aside")
        try? FileManager.default.removeItem(at: aside)
        try FileManager.default.moveItem(at: b, to: aside)
        try FileManager.default.moveItem(at: a, to: b)
        try FileManager.default.moveItem(at: aside, to: a)
    }

    /// A hard link, so an unchanged file moves into the new tree with its inode and mtime.
    static func link(_ source: URL, to destination: URL) throws {
        try FileManager.default.linkItem(at: source, to: destination)
    }
}

extension FolderSwap {
    /// Writes a new file with plain POSIX calls: no temporary file and no fsync
    /// (Foundation's `Data.write` syncs each file, which costs seconds per thousand
    /// pages on a slow disk; the atomic swap already protects the tree as a whole).
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
