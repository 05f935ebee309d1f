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
