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
