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
        // The edges a date in a zone can reach in UTC: years 0 and 10000, in as many digits as they need.
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: -62_135_596_801)) == "0000-12-31T23:59:59Z")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
    }

    /// The arithmetic day of an instant in a zone against `Calendar`, in zones with daylight
    /// saving, half- and quarter-hour offsets, +14:00, historic local mean time, and before 1583.
    @Test(arguments: ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati", "America/St_Johns"])
    func dayInAZoneAgreesWithFoundationsCalendar(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var seconds = -12_300_000_000.0   // 1580
        while seconds < 4_200_000_000 {   // 2103
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Day(date, in: zone) == Day(date, calendar: calendar), "\(date)")
            seconds += seconds < -2_300_000_000 ? 86_400 * 997.3 : 86_400 * 3.7 + 1_234.5
        }
    }

    @Test func dayPathsAndNamesArePadded() {
        let day = Day(year: 2024, month: 3, day: 7)
        #expect(day.dayPath == "2024/03/07/")
        #expect(Day(year: 7, month: 11, day: 30).dayPath == "0007/11/30/")
        #expect(Day(year: 12345, month: 1, day: 2).dayPath == "12345/01/02/")   // past four digits: as long as it takes
        #expect(day.iso == "2024-03-07")
        #expect(Day(year: 987, month: 12, day: 31).iso == "0987-12-31")
        #expect(12345.zeroPadded(2) == "12345")
    }
}
