import Foundation

/// RFC 3339 timestamps in UTC (`2024-01-02T12:17:00Z`) for feeds, sitemaps and `<time>`.
enum Timestamp {
    /// Whole seconds since 1970 to a proleptic Gregorian date and time in UTC, by arithmetic,
    /// written digit by digit: every card, feed entry and sitemap line formats one, and
    /// `Calendar` costs microseconds per call (string concatenation, a tenth of that).
    static func rfc3339(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civil(daysSince1970: days)
        return String(unsafeUninitializedCapacity: 48) { output in
            var end = 0
            /// `value` in at least `width` digits, then `separator`.
            func put(_ value: Int, width: Int, _ separator: Unicode.Scalar) {
                if value < 0 {
                    output[end] = UInt8(ascii: "-")
                    end += 1
                }
                var count = 1
                var rest = value.magnitude / 10
                while rest > 0 { count += 1; rest /= 10 }
                end += max(width, count)
                var digits = value.magnitude
                for position in stride(from: end - 1, through: end - max(width, count), by: -1) {
                    output[position] = UInt8(ascii: "0") + UInt8(digits % 10)
                    digits /= 10
                }
                output[end] = UInt8(separator.value)
                end += 1
            }
            put(year, width: 4, "-")
            put(month, width: 2, "-")
            put(day, width: 2, "T")
            put(secondOfDay / 3600, width: 2, ":")
            put(secondOfDay / 60 % 60, width: 2, ":")
            put(secondOfDay % 60, width: 2, "Z")
            return end
        }
    }

    /// The calendar date `days` after 1970-01-01, counting in 400-year eras of 146,097 days
    /// with years starting on 1 March, so the leap day is the last day of a year.
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let (era, dayOfEra) = (days + 719_468).floorDivided(by: 146_097)   // 719,468: days from 0000-03-01 to 1970-01-01
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153                          // 0 = March … 11 = February
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    /// Quotient rounded down and the non-negative remainder.
    func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}
