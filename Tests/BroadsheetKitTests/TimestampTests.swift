import Foundation
import Testing
@testable import BroadsheetKit

@Suite("Timestamps and day paths")
struct TimestampTests {
    /// The arithmetic calendar against Foundation's, across leap days, century
    /// years (1900 and 2100 are not leap years, 2000 is), and before 1970.
    @Test func rfc3339AgreesWithFoundationsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        var seconds = -2_208_988_800.0   // 1900-01-01
        while seconds < 4_133_980_800 {  // 2101-01-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.rfc3339(date) == formatter.string(from: date))
            seconds += 86_400 * 13 + 3_601.5   // walks through every day of the month and hour of the day
        }
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 4_107_542_399)) == "2100-02-28T23:59:59Z")
    }

    @Test func dayPathsAndNamesArePadded() {
        let day = Day(year: 2024, month: 3, day: 7)
        #expect(day.dayPath == "2024/03/07/")
        #expect(day.iso == "2024-03-07")
        #expect(Day(year: 987, month: 12, day: 31).iso == "0987-12-31")
        #expect(12345.zeroPadded(2) == "12345")
    }
}
