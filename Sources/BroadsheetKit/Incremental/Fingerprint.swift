/// A stable 64-bit hash (FNV-1a with a final mix) for incremental builds. Unlike
/// Swift's `Hasher` it is the same in every process, so it can be stored.
public struct Fingerprint: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        add(0xFF)  // ends the field, so ("ab", "c") and ("a", "bc") differ
    }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: $0) }
    }

    public mutating func add(_ number: UInt64) {
        var mixed = number &+ 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        value = (value ^ mixed ^ (mixed >> 31)) &* 0x0000_0100_0000_01B3
    }

    public mutating func add(_ number: Int) {
        add(UInt64(bitPattern: Int64(number)))
    }

    public mutating func add(_ text: String?) {
        if let text { add(1); add(text) } else { add(0) }
    }

    mutating func add(_ day: Day?) {
        if let day { add(day.year * 10_000 + day.month * 100 + day.day) } else { add(-1) }
    }

    public static func of(_ parts: String...) -> UInt64 {
        var fingerprint = Fingerprint()
        for part in parts { fingerprint.add(part) }
        return fingerprint.value
    }
}
