import Foundation
import Testing
@testable import BroadsheetKit
#if canImport(Glibc)
import Glibc
#endif

/// The folder a first build assembles its tree in (`SpreadFolder`).
@Suite struct SpreadFolderTests {
    @Test func itIsMadeOnceAndMarkedAsTheTopOfAHierarchyOnExt4() throws {
        try withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("nursery").path
            try SpreadFolder.make(path)
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
            #expect(throws: POSIXFailure.self) { try SpreadFolder.make(path) }
            #if os(Linux) && (arch(x86_64) || arch(arm64))
            func flags(_ path: String, adding mark: CInt = 0) -> CInt? {
                let descriptor = open(path, O_RDONLY | O_DIRECTORY)
                defer { close(descriptor) }
                var flags: CInt = 0
                guard ioctl(descriptor, SpreadFolder.getFlags, &flags) == 0 else { return nil }
                guard mark != 0 else { return flags }
                flags |= mark
                return ioctl(descriptor, SpreadFolder.setFlags, &flags) == 0 ? flags : nil
            }
            // Only where the file system takes the mark (ext4 does, tmpfs does not) must it be there.
            let probe = folder.appendingPathComponent("probe").path
            try FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: false)
            guard flags(probe, adding: SpreadFolder.topOfHierarchy) != nil else { return }
            #expect((flags(path) ?? 0) & SpreadFolder.topOfHierarchy != 0)
            #endif
        }
    }
}
