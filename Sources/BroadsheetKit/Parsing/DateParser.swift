import Foundation

/// Strict dates: `2024-01-02`, `2024-01-02T12:17`, `2024-01-02T12:17:00Z`,
/// `2024-01-02 12:17:00+02:00`. A date without an offset is read in the site's time zone.
struct DateParser: Sendable {
    let timeZone: TimeZone

    static let expected = "expected YYYY-MM-DD, optionally with a time like 2024-01-02T12:17:00Z or 2024-01-02T12:17:00+02:00"

    func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.trimmingSpaces.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var offset: Int?
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let h = scanner.number(digits: 2), scanner.skip(":"), let m = scanner.number(digits: 2) else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let s = scanner.number(digits: 2) else { return nil }
                second = s
                if scanner.skip(".") { while scanner.number(digits: 1) != nil {} }
            }
            _ = scanner.skip(" ")
            if scanner.skip("Z") || scanner.skip("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                guard let oh = scanner.number(digits: 2) else { return nil }
                _ = scanner.skip(":")
                guard let om = scanner.number(digits: 2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard scanner.atEnd else { return nil }
        let zone = offset.flatMap(TimeZone.init(secondsFromGMT:)) ?? timeZone
        return CalendarDate.make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, in: zone)
    }
}

/// Builds a `Date` only when the fields name a real moment (no 30 February, no hour 25).
enum CalendarDate {
    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0, in zone: TimeZone) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A cursor over ASCII bytes for the small fixed formats above.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index == bytes.count }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
