import Foundation

/// A calendar day in the site's time zone: what day, month and year pages group by.
public struct Day: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(_ date: Date, calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The day of `date` in `zone`: the zone's offset at that moment, then calendar arithmetic
    /// (`Calendar` costs microseconds per call, and a site places every article). Before
    /// 1583, where Foundation's Gregorian calendar is Julian, it asks the calendar.
    init(_ date: Date, in zone: TimeZone) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds >= -12_219_292_800, seconds < 1e15 else {   // 1583-01-01 … far future
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            self.init(date, calendar: calendar)
            return
        }
        let (days, _) = (Int(seconds) + zone.secondsFromGMT(for: date)).floorDivided(by: 86_400)
        let (year, month, day) = Timestamp.civil(daysSince1970: days)
        self.init(year: year, month: month, day: day)
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    var yearPath: String { year.zeroPadded(4) + "/" }
    var monthPath: String { yearPath + month.zeroPadded(2) + "/" }
    /// `2024/01/02/`. Every article's folder starts with one, so it is made in one step (11
    /// bytes: a string kept inline, with nothing to allocate) for years 0 to 9999.
    var dayPath: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return monthPath + day.zeroPadded(2) + "/"
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 11) { bytes in
            let slash = UInt8(ascii: "/")
            for (offset, number, width) in [(0, year, 4), (5, month, 2), (8, day, 2)] {
                var rest = number
                for position in (offset..<offset + width).reversed() {
                    bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                bytes[offset + width] = slash
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    var monthKey: Day { Day(year: year, month: month, day: 1) }
    var yearKey: Day { Day(year: year, month: 1, day: 1) }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    var monthName: String { Day.monthNames[month - 1] }
    /// `2 January 2024`
    var longName: String { "\(day) \(monthName) \(year)" }
    /// `January 2024`
    var monthTitle: String { "\(monthName) \(year)" }
    /// `2024-01-02`
    var iso: String { year.zeroPadded(4) + "-" + month.zeroPadded(2) + "-" + day.zeroPadded(2) }
}

extension Int {
    /// The number in decimal with leading zeros up to `width` digits (`7.zeroPadded(2)` is `07`);
    /// pages format many dates, and `String(format:)` costs a Foundation call each.
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
