import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder whose subfolders ext4 places away from their parent: a first build makes its
/// whole tree in one, under a new random name, then renames the tree into place.
///
/// ext4 puts a new folder in its parent's block group, when that group has room, and a new file in its
/// folder's group, and it looks for a free inode from the group's start. Without a journal
/// it skips every inode freed in the last minute (five, while the inode table is not yet
/// written), one buffer lookup each. So right after `rm -rf Public`, each of the new site's
/// inodes (27,000 at 10,000 articles) walked past the old site's, which took 3–5 s of kernel
/// time. Marked as the top of a directory hierarchy (`chattr +T`, `FS_TOPDIR_FL`), a folder's
/// subfolders go where ext4's Orlov allocator finds a little-used group, searching from
/// the hash of their name. A tree with a new random name thus starts away from the
/// inodes just freed, and its own folders follow it there. Other file systems have no
/// such mark and refuse it, which changes nothing.
enum SpreadFolder {
    /// Makes the folder `path`, which must not exist, and marks it where the file system can.
    static func make(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else { throw POSIXFailure(operation: "mkdir", path: path, code: errno) }
        #if os(Linux) && (arch(x86_64) || arch(arm64))
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var flags: CInt = 0
        if ioctl(descriptor, getFlags, &flags) == 0 {
            flags |= topOfHierarchy
            _ = ioctl(descriptor, setFlags, &flags)
        }
        #endif
    }

    #if os(Linux) && (arch(x86_64) || arch(arm64))
    /// `FS_IOC_GETFLAGS` and `FS_IOC_SETFLAGS` of `<linux/fs.h>` on 64-bit Linux, and `FS_TOPDIR_FL`.
    static let getFlags: UInt = 0x8008_6601
    static let setFlags: UInt = 0x4008_6602
    static let topOfHierarchy: CInt = 0x0002_0000
    #endif
}
