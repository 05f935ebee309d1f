import Foundation

/// A small inline SVG bar chart of a topic's articles over time: per week when the
/// site spans at most `maxWeeks` weeks, else per month, over the site's whole span so
/// the charts of different topics line up. Bars use `currentColor` and the theme's
/// `.topic-chart .chart-bar` class, so they follow dark mode. The SVG is `role="img"`
/// with an `aria-label`; the topic's list of articles stays the text equivalent.
enum TopicChart {
    enum Period: Equatable {
        case week, month
    }

    static let maxWeeks = 26
    static let width = 600
    static let height = 100
    static let left = 28
    static let right = 4
    static let top = 8
    static let bottom = 20

    /// The chart for `name` with articles on `days`, drawn over `first`…`last` (the site's span).
    static func render(name: String, days: [Day], first: Day, last: Day) -> String {
        guard first <= last else { return "" }
        let period: Period = (last.epochDay - first.epochDay) / 7 + 1 <= maxWeeks ? .week : .month
        let buckets = self.buckets(from: first, to: last, period: period)
        var counts = [Int](repeating: 0, count: buckets.count)
        for day in days {
            if let index = bucket(of: day, in: buckets, period: period) { counts[index] += 1 }
        }
        let busiest = max(1, counts.max() ?? 0)
        let total = counts.reduce(0, +)
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        let slot = plotWidth / Double(buckets.count)
        let barWidth = max(1, slot * (buckets.count > 60 ? 0.9 : 0.75))
        let baseline = height - bottom

        let unit = period == .week ? "week" : "month"
        var label = "Articles about \(name) per \(unit), \(longName(buckets[0], period)) to \(longName(buckets[buckets.count - 1], period)): \(CalendarHeatMap.articles(total))"
        if let peak = counts.indices.max(by: { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1 }), counts[peak] > 0 {
            label += "; the most, \(counts[peak]), in \(period == .week ? "the week of " : "")\(longName(buckets[peak], period))"
        }
        label += "."

        var svg = "<svg class=\"topic-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
        svg += " role=\"img\" aria-label=\"\(label.xmlEscaped)\" fill=\"currentColor\" font-size=\"10\">"
        svg += "<title>\(label.xmlEscaped)</title>"
        svg += "<text class=\"chart-label\" x=\"\(left - 6)\" y=\"\(top + 8)\" text-anchor=\"end\">\(busiest)</text>"
        svg += "<text class=\"chart-label\" x=\"\(left - 6)\" y=\"\(baseline)\" text-anchor=\"end\">0</text>"
        svg += "<line class=\"chart-grid\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(width - right)\" y2=\"\(top)\" stroke=\"currentColor\" stroke-opacity=\"0.2\" stroke-dasharray=\"2 3\"/>"
        for (index, count) in counts.enumerated() where count > 0 {
            let barHeight = max(2, plotHeight * Double(count) / Double(busiest))
            let x = Double(left) + slot * Double(index) + (slot - barWidth) / 2
            let tip = "\(period == .week ? "Week of " : "")\(longName(buckets[index], period)): \(CalendarHeatMap.articles(count))"
            svg += "<rect class=\"chart-bar\" x=\"\(number(x))\" y=\"\(number(Double(baseline) - barHeight))\" width=\"\(number(barWidth))\" height=\"\(number(barHeight))\">"
            svg += "<title>\(tip.xmlEscaped)</title></rect>"
        }
        svg += "<line class=\"chart-axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(width - right)\" y2=\"\(baseline)\" stroke=\"currentColor\"/>"
        svg += "<text class=\"chart-label\" x=\"\(left)\" y=\"\(height - 4)\">\(shortName(buckets[0], period).xmlEscaped)</text>"
        if buckets.count > 1 {
            svg += "<text class=\"chart-label\" x=\"\(width - right)\" y=\"\(height - 4)\" text-anchor=\"end\">\(shortName(buckets[buckets.count - 1], period).xmlEscaped)</text>"
        }
        svg += "<text class=\"chart-caption\" x=\"\((left + width - right) / 2)\" y=\"\(height - 4)\" text-anchor=\"middle\">Articles per \(unit)</text>"
        return svg + "</svg>"
    }

    /// The first day of every week (Monday) or month from `first` to `last`.
    static func buckets(from first: Day, to last: Day, period: Period) -> [Day] {
        var result: [Day] = []
        switch period {
        case .week:
            var start = first.epochDay - Day.weekday(epochDay: first.epochDay)
            while start <= last.epochDay {
                result.append(Day(epochDay: start))
                start += 7
            }
        case .month:
            var month = first.monthKey
            while month <= last {
                result.append(month)
                month = month.month == 12 ? Day(year: month.year + 1, month: 1, day: 1) : Day(year: month.year, month: month.month + 1, day: 1)
            }
        }
        return result
    }

    private static func bucket(of day: Day, in buckets: [Day], period: Period) -> Int? {
        guard let first = buckets.first else { return nil }
        let index = switch period {
        case .week: (day.epochDay - first.epochDay) / 7
        case .month: (day.year - first.year) * 12 + day.month - first.month
        }
        return buckets.indices.contains(index) && day >= first ? index : nil
    }

    private static func longName(_ day: Day, _ period: Period) -> String {
        period == .week ? day.longName : day.monthTitle
    }

    private static func shortName(_ day: Day, _ period: Period) -> String {
        let month = String(Day.monthNames[day.month - 1].prefix(3))
        return period == .week ? "\(day.day) \(month) \(day.year)" : "\(month) \(day.year)"
    }

    /// At most two decimals, without trailing zeros, so equal input gives equal text.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
