import Foundation
import Testing
@testable import BroadsheetKit

@Suite struct DateParserTests {
    let inUTC = DateParser(timeZone: utc)
    let inBerlin = DateParser(timeZone: TimeZone(identifier: "Europe/Berlin")!)
    let inNewYork = DateParser(timeZone: TimeZone(identifier: "America/New_York")!)

    @Test(arguments: [
        ("2024-01-02", "2024-01-02T00:00:00Z"),
        ("2024-01-02T12:17", "2024-01-02T12:17:00Z"),
        ("2024-01-02T12:17:45", "2024-01-02T12:17:45Z"),
        ("2024-01-02T12:17:00Z", "2024-01-02T12:17:00Z"),
        ("2024-01-02t12:17:00z", "2024-01-02T12:17:00Z"),
        ("2024-01-02 12:17:00Z", "2024-01-02T12:17:00Z"),
        ("2024-01-02T12:17:00.250Z", "2024-01-02T12:17:00Z"),
        ("2024-01-02T12:17:00+02:00", "2024-01-02T10:17:00Z"),
        ("2024-01-02T12:17:00+0200", "2024-01-02T10:17:00Z"),
        ("2024-01-02 12:17:00 -05:30", "2024-01-02T17:47:00Z"),
        ("2024-01-02T00:30:00+01:00", "2024-01-01T23:30:00Z"),
        ("  2024-01-02  ", "2024-01-02T00:00:00Z"),
    ])
    func acceptedForms(text: String, expected: String) throws {
        let date = try #require(inUTC.parse(text))
        // fractional seconds are accepted but do not move the minute
        #expect(abs(date.timeIntervalSince(instant(expected))) < 1)
    }

    @Test func dateOnlyIsMidnightInTheSiteTimeZone() {
        #expect(inBerlin.parse("2024-01-02") == instant("2024-01-01T23:00:00Z"))
        #expect(inBerlin.parse("2024-07-02") == instant("2024-07-01T22:00:00Z"))  // summer time
        #expect(inNewYork.parse("2024-01-02") == instant("2024-01-02T05:00:00Z"))
    }

    @Test func localTimeWithoutOffsetUsesTheSiteTimeZone() {
        #expect(inBerlin.parse("2024-01-02T12:17") == instant("2024-01-02T11:17:00Z"))
    }

    @Test func explicitOffsetWinsOverTheSiteTimeZone() {
        #expect(inBerlin.parse("2024-01-02T12:17:00Z") == instant("2024-01-02T12:17:00Z"))
        #expect(inNewYork.parse("2024-01-02T12:17:00+01:00") == instant("2024-01-02T11:17:00Z"))
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "1996-02-29"])
    func leapDaysInLeapYears(text: String) {
        #expect(inUTC.parse(text) != nil)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2100-02-29"])
    func leapDaysInOtherYearsAreRejected(text: String) {
        #expect(inUTC.parse(text) == nil)
    }

    @Test(arguments: [
        "", "tomorrow", "2024", "2024-01", "2024-1-2", "24-01-02", "2024/01/02", "02.01.2024",
        "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31", "2023-02-30",
        "2024-01-02T", "2024-01-02T12", "2024-01-02T25:00", "2024-01-02T24:00", "2024-01-02T12:60",
        "2024-01-02T12:17:61", "2024-01-02T12:17:00+25:00", "2024-01-02T12:17:00+02", "2024-01-02T12:17:00+02:60",
        "2024-01-02T12:17:00 CET", "2024-01-02x", "2024-01-02T12:17:00Zjunk", "２０２４-01-02",
    ])
    func rejects(text: String) {
        #expect(inUTC.parse(text) == nil)
    }

    @Test func daysInMonth() {
        #expect(CalendarDate.daysIn(2, 2024) == 29)
        #expect(CalendarDate.daysIn(2, 2023) == 28)
        #expect(CalendarDate.daysIn(4, 2023) == 30)
        #expect(CalendarDate.daysIn(12, 2023) == 31)
    }
}
