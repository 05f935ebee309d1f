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

    mutating func write(_ values: [UInt16]) {
        write(values.count)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }
}

struct BinaryReader {
    /// What is read, shared with values that keep parts of it (`stringRange`).
    let shared: SharedBytes
    private var bytes: [UInt8] { shared.bytes }
    private var offset = 0

    init(_ bytes: [UInt8]) {
        shared = SharedBytes(bytes)
    }

    var atEnd: Bool { offset == bytes.count }

    mutating func uint64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
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
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offset..<offset + length]), as: UTF8.self) }
    }

    /// Where the next string's UTF-8 bytes are in `shared`, without decoding them.
    mutating func stringRange() -> Range<Int>? {
        guard let length = count() else { return nil }
        defer { offset += length }
        return offset..<offset + length
    }

    mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { .some($0) } : .some(nil)
    }

    mutating func uint16s() -> [UInt16]? {
        guard let count = count(), count <= (bytes.count - offset) / 2 else { return nil }
        defer { offset += 2 * count }
        return bytes.withUnsafeBytes { raw in
            (0..<count).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 2 * $0, as: UInt16.self)) }
        }
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
