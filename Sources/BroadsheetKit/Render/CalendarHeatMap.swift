import Foundation

/// The archive's calendar heat map: one inline SVG per year, newest year first,
/// weeks as columns (Monday on top) and days as squares, darker with more articles.
/// Each day with articles is a link to its day page with a `<title>` tooltip.
///
/// Colours come from `currentColor` and the theme's CSS (`.heatmap .hm-l0` … `.hm-l4`),
/// so it follows dark mode; `fill-opacity` keeps the levels readable without the theme.
/// The whole SVG is `role="img"` with an `aria-label` and a `<title>`; the archive's
/// lists of months and days stay the text equivalent, so the day links are left out
/// of the tab order (`tabindex="-1"`) rather than read as unnamed graphics.
enum CalendarHeatMap {
    struct Entry: Sendable {
        var day: Day
        var count: Int
        /// Link to the day page, relative to the page the map is shown on.
        var url: String
    }

    static let cell = 11
    static let pitch = 13
    static let left = 30
    static let top = 28
    static let opacities = ["0.1", "0.35", "0.55", "0.78", "1"]
    static let weekdayLabels = [(0, "Mon"), (2, "Wed"), (4, "Fri")]

    /// All years that have entries, newest first; an empty string when there are none.
    static func render(_ entries: [Entry]) -> String {
        guard let busiest = entries.map(\.count).max(), busiest > 0 else { return "" }
        let byYear = Dictionary(grouping: entries, by: \.day.year)
        return byYear.keys.sorted(by: >).map { year in
            renderYear(year, entries: byYear[year] ?? [], busiest: busiest)
        }.joined(separator: "\n")
    }

    /// 0 for no articles, else 1…4 relative to the busiest day of the whole archive.
    static func level(_ count: Int, busiest: Int) -> Int {
        guard count > 0, busiest > 0 else { return 0 }
        return min(4, max(1, (4 * count + busiest - 1) / busiest))
    }

    static func renderYear(_ year: Int, entries: [Entry], busiest: Int) -> String {
        var byDay: [Day: Entry] = [:]
        for entry in entries { byDay[entry.day] = entry }
        let first = Day(year: year, month: 1, day: 1).epochDay
        let length = Day(year: year + 1, month: 1, day: 1).epochDay - first
        let offset = Day.weekday(epochDay: first)
        let columns = (offset + length + 6) / 7
        let width = left + columns * pitch
        let height = top + 7 * pitch
        let articleCount = entries.reduce(0) { $0 + $1.count }
        let top1 = entries.max { $0.count != $1.count ? $0.count < $1.count : $0.day > $1.day }
        var label = "Articles per day in \(year): \(articles(articleCount)) on \(entries.count) \(entries.count == 1 ? "day" : "days")"
        if let top1 { label += "; the busiest day was \(top1.day.longName) with \(articles(top1.count))" }
        label += "."

        var svg = "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
        svg += " role=\"img\" aria-label=\"\(label.xmlEscaped)\" fill=\"currentColor\" font-size=\"9\">"
        svg += "<title>\(label.xmlEscaped)</title>"
        svg += "<text class=\"hm-year\" x=\"0\" y=\"11\" font-size=\"12\" font-weight=\"bold\">\(String(year).xmlEscaped)</text>"
        for month in 1...12 {
            let start = Day(year: year, month: month, day: 1).epochDay - first + offset
            svg += "<text class=\"hm-label\" x=\"\(left + (start / 7) * pitch)\" y=\"\(top - 5)\">\(String(Day.monthNames[month - 1].prefix(3)).xmlEscaped)</text>"
        }
        for (row, name) in weekdayLabels {
            svg += "<text class=\"hm-label\" x=\"0\" y=\"\(top + row * pitch + 9)\">\(name.xmlEscaped)</text>"
        }
        for ordinal in 0..<length {
            let position = offset + ordinal
            let x = left + (position / 7) * pitch, y = top + (position % 7) * pitch
            let day = Day(epochDay: first + ordinal)
            let count = byDay[day]?.count ?? 0
            let lvl = level(count, busiest: busiest)
            let rect = "<rect class=\"hm-day hm-l\(lvl)\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"2\" fill-opacity=\"\(opacities[lvl])\"/>"
            if let entry = byDay[day], count > 0 {
                svg += "<a href=\"\(entry.url.xmlEscaped)\" tabindex=\"-1\"><title>\("\(day.longName): \(articles(count))".xmlEscaped)</title>\(rect)</a>"
            } else {
                svg += rect
            }
        }
        return svg + "</svg>"
    }

    static func articles(_ count: Int) -> String {
        count == 1 ? "1 article" : "\(count) articles"
    }
}

extension Day {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    var epochDay: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `epochDay` days after 1970-01-01 (`civil_from_days`).
    init(epochDay: Int) {
        let z = epochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 0 for Monday … 6 for Sunday.
    static func weekday(epochDay: Int) -> Int {
        ((epochDay % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday
    }
}
