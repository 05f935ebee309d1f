/// Sorted lists of small numbers as short ASCII strings: each number is written as the
/// gap to the one before (the first as itself), in base 32, most significant digit
/// first; digits `0`–`9`,`A`–`V` continue a number, `W`–`Z`,`a`–`z`,`-`,`_` end one.
/// Gaps below 32 take one character, below 1,024 two, below 32,768 three.
enum IndexCode {
    static let more = Array("0123456789ABCDEFGHIJKLMNOPQRSTUV".utf8)
    static let last = Array("WXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    static func encode(_ sorted: [Int]) -> String {
        var bytes: [UInt8] = []
        append(sorted, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `encode(sorted)`'s ASCII bytes, appended to `bytes`.
    static func append<Numbers: Collection>(_ sorted: Numbers, to bytes: inout [UInt8]) where Numbers.Element: BinaryInteger {
        var previous = 0
        for (position, number) in sorted.enumerated() {
            let value = Int(number)
            let gap = position == 0 ? value : value - previous
            previous = value
            var shift = 0
            while gap >> (shift + 5) > 0 { shift += 5 }
            while shift > 0 {
                bytes.append(more[(gap >> shift) & 31])
                shift -= 5
            }
            bytes.append(last[gap & 31])
        }
    }

    static func decode(_ text: String) -> [Int] {
        var values: [Int] = []
        var number = 0
        var previous = 0
        for byte in text.utf8 {
            if let digit = more.firstIndex(of: byte) {
                number = number << 5 | digit
            } else if let digit = last.firstIndex(of: byte) {
                number = number << 5 | digit
                previous = values.isEmpty ? number : previous + number
                values.append(previous)
                number = 0
            }
        }
        return values
    }
}
