import Foundation

/// A wire dateline: `Tuesday, 02 January 2024 12:17 GMT`. The weekday is checked
/// against the date (a mismatch is a warning); the zone may be GMT/UTC, an offset
/// like `+0200`, or a common abbreviation (as a fixed offset); without one the site's zone is used.
struct Dateline {
    var date: Date
    var weekdayMismatch: String?

    static let months = ["january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december"]
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    static func parse(_ line: String, defaultZone: TimeZone) -> Result<Dateline, DatelineProblem> {
        let shown = String(line.trimmingSpaces)
        let fail = DatelineProblem("the dateline \"\(shown.prefix(80))\" is not understood")
        let tokens = shown.split { $0 == "," || $0 == " " }.map(String.init)
        guard tokens.count == 5 || tokens.count == 6,
              let weekday = matchName(tokens[0], in: weekdays),
              let day = Int(tokens[1]),
              let month = matchName(tokens[2], in: months),
              let year = Int(tokens[3]), tokens[3].count == 4
        else { return .failure(fail) }
        let clock = tokens[4].split(separator: ":")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]) else { return .failure(fail) }
        var zone = defaultZone
        if tokens.count == 6 {
            guard let named = timeZone(tokens[5]) else {
                return .failure(DatelineProblem("the dateline's time zone \"\(tokens[5])\" is not known"))
            }
            zone = named
        }
        guard let date = CalendarDate.make(year: year, month: month + 1, day: day, hour: hour, minute: minute, in: zone) else {
            return .failure(DatelineProblem("the dateline \"\(shown.prefix(80))\" is not a calendar date"))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let actual = calendar.component(.weekday, from: date) - 1
        var mismatch: String?
        if actual != weekday {
            mismatch = "the dateline says \(weekdays[weekday].capitalized) but \(day) \(months[month].capitalized) \(year) is a \(weekdays[actual].capitalized); the date is used"
        }
        return .success(Dateline(date: date, weekdayMismatch: mismatch))
    }

    /// Full names and three-letter abbreviations, any case.
    private static func matchName(_ token: String, in names: [String]) -> Int? {
        let lowered = String(token.lowercased().trimming { $0 == "." })
        guard lowered.count >= 3 else { return nil }
        return names.firstIndex { $0 == lowered || ($0.hasPrefix(lowered) && lowered.count == 3) }
    }

    private static func timeZone(_ token: String) -> TimeZone? {
        let upper = token.uppercased()
        if ["GMT", "UTC", "Z", "UT"].contains(upper) { return TimeZone(secondsFromGMT: 0) }
        if let sign = upper.first, sign == "+" || sign == "-" {
            let digits = upper.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, let value = Int(digits) else { return nil }
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return TimeZone(secondsFromGMT: sign == "-" ? -seconds : seconds)
        }
        return fixedOffsets[upper].flatMap { TimeZone(secondsFromGMT: Int($0 * 3600)) }
    }

    /// Abbreviations wires use, as the fixed offsets they name (`CET` is +1 even in
    /// July; `CEST` is +2). Ambiguous ones (`IST`) are left out: use an offset.
    private static let fixedOffsets: [String: Double] = [
        "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "HKT": 8, "SGT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    ]
}

struct DatelineProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
