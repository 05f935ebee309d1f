import Foundation

/// RFC 3339 timestamps in UTC (`2024-01-02T12:17:00Z`) for feeds, sitemaps and `<time>`.
enum Timestamp {
    /// Whole seconds since 1970 to a proleptic Gregorian date and time in UTC, by arithmetic:
    /// every card and feed entry formats one, and `Calendar` costs microseconds per call.
    static func rfc3339(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civil(daysSince1970: days)
        return year.zeroPadded(4) + "-" + month.zeroPadded(2) + "-" + day.zeroPadded(2) + "T"
            + (secondOfDay / 3600).zeroPadded(2) + ":" + (secondOfDay / 60 % 60).zeroPadded(2) + ":" + (secondOfDay % 60).zeroPadded(2) + "Z"
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
