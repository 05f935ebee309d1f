import Foundation

/// A compact, versioned byte format for the build cache: little-endian integers
/// and length-prefixed UTF-8. Reading never traps: a short or damaged file just
/// yields nil, and the build starts from scratch.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    /// Where `appended` lies in another file being built (`start`, `length`), after appending it there.
    mutating func write(range appended: some Collection<UInt8>, in other: inout [UInt8]) {
        write(other.count)
        write(appended.count)
        other.append(contentsOf: appended)
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }
}

struct BinaryReader {
    /// What is read.
    private let shared: SharedBytes
    private var bytes: UnsafeRawBufferPointer { shared.buffer }
    private var offset = 0

    init(_ shared: SharedBytes) {
        self.shared = shared
    }

    init(_ bytes: [UInt8]) {
        self.init(SharedBytes(bytes))
    }

    var atEnd: Bool { offset == bytes.count }

    mutating func uint64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func int() -> Int? {
        uint64().map { Int(Int64(bitPattern: $0)) }
    }

    /// A count or length: non-negative and no larger than what is left to read.
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - offset else { return nil }
        return value
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func double() -> Double? {
        uint64().map(Double.init(bitPattern:))
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return shared.string(offset..<offset + length)
    }

    /// A range of another file of `size` bytes (`start`, `length`), checked to lie inside it.
    mutating func range(within size: Int) -> Range<Int>? {
        guard let start = int(), let length = int(), start >= 0, length >= 0, start <= size, length <= size - start else { return nil }
        return start..<start + length
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { .some($0) } : .some(nil)
    }

    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard let text = string() else { return nil }
            result.append(text)
        }
        return result
    }
}

/// Something `BlockFile` writes as one block: numbers in place, as raw bytes.
protocol RawBlock {
    func withRawBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
}

extension NumberColumn: RawBlock {
    func withRawBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try withBuffer { try body(UnsafeRawBufferPointer($0)) }
    }
}

/// A cache file of a small header and blocks of numbers. Each block is written straight
/// from the column that holds it, with no copy into one buffer, and starts at a multiple
/// of eight bytes, so that a mapped file's blocks are read in place (`NumberColumn.mapped`).
/// Layout: the header's length, the number of blocks and each one's length (`UInt64`s),
/// the header, then the blocks, each padded to eight bytes. Numbers are in the host's
/// order, which is little-endian; on another host `read` gives nil.
enum BlockFile {
    static func write(_ path: String, header: [UInt8], blocks: [any RawBlock]) throws {
        var start = BinaryWriter()
        start.write(header.count)
        start.write(blocks.count)
        for block in blocks { start.write(block.withRawBytes(\.count)) }
        let padding = [UInt8](repeating: 0, count: 8)
        try PlainFile.create(path) { write in
            var length = 0
            for part in [start.bytes, header] {
                try part.withUnsafeBytes(write)
                length += part.count
            }
            for block in blocks {
                let pad = (8 - length % 8) % 8
                try padding.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0.prefix(pad))) }
                try block.withRawBytes { try write($0) }
                length += pad + block.withRawBytes(\.count)
            }
        }
    }

    /// The file mapped, its header, and where each block lies in it.
    static func read(_ path: String) -> (bytes: SharedBytes, header: BinaryReader, blocks: [Range<Int>])? {
        #if _endian(little)
        guard let bytes = SharedBytes(mapping: path) else { return nil }
        var reader = BinaryReader(bytes)
        guard let headerLength = reader.count(), let blockCount = reader.count(), blockCount <= bytes.buffer.count / 8 else { return nil }
        var lengths: [Int] = []
        for _ in 0..<blockCount {
            guard let length = reader.count() else { return nil }
            lengths.append(length)
        }
        var offset = 16 + 8 * blockCount
        guard headerLength <= bytes.buffer.count - offset else { return nil }
        let header = BinaryReader(SharedBytes(Array(UnsafeRawBufferPointer(rebasing: bytes.buffer[offset..<offset + headerLength]))))
        offset += headerLength
        var blocks: [Range<Int>] = []
        for length in lengths {
            offset += (8 - offset % 8) % 8
            guard length <= bytes.buffer.count - offset else { return nil }
            blocks.append(offset..<offset + length)
            offset += length
        }
        return offset == bytes.buffer.count ? (bytes, header, blocks) : nil
        #else
        return nil
        #endif
    }

    /// The numbers in `block` of `bytes` (from `read`); nil when the block is not a whole number of them.
    static func column<Number>(_ block: Range<Int>, of bytes: SharedBytes, as type: Number.Type) -> NumberColumn<Number>? {
        let size = MemoryLayout<Number>.size
        guard block.count % size == 0, block.lowerBound % MemoryLayout<Number>.alignment == 0 else { return nil }
        return .mapped(bytes, offset: block.lowerBound, count: block.count / size)
    }
}
