#if canImport(Glibc)
import Glibc
#endif

/// Bytes that several values read without copying: a build cache file, mapped into
/// memory, so that its pages are read only when a value is decoded (a rebuild after
/// one edit decodes one article's body, not 65 MB of them), or a copy of an array.
/// `BuildCache.save` replaces cache files with new ones and never rewrites one in
/// place, so a mapping stays valid for as long as a build uses it.
final class SharedBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let mapped: Bool

    private init(buffer: UnsafeRawBufferPointer, mapped: Bool) {
        self.buffer = buffer
        self.mapped = mapped
    }

    convenience init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
        copy.copyBytes(from: bytes)
        self.init(buffer: UnsafeRawBufferPointer(copy), mapped: false)
    }

    /// The file at `path`, mapped read-only; nil when it cannot be opened or mapped.
    convenience init?(mapping path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else {
            self.init([])
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        self.init(buffer: UnsafeRawBufferPointer(start: address, count: size), mapped: true)
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            buffer.deallocate()
        }
    }

    /// The UTF-8 text in `range`, which the caller has checked lies inside `buffer`.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }
}
