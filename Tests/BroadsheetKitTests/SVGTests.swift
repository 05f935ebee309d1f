import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BroadsheetKit

/// The archive's calendar heat map and the topic pages' bar chart.
@Suite struct SVGTests {
    // MARK: Helpers

    /// Every `<svg>` of `markup` parsed as XML; fails the test when it is not well formed.
    private func parse(_ markup: String) throws -> [XMLElement] {
        let document = try XMLDocument(xmlString: "<root>\(markup)</root>", options: [])
        return (document.rootElement()?.children ?? []).compactMap { $0 as? XMLElement }
    }

    private func elements(_ name: String, in element: XMLElement) -> [XMLElement] {
        (element.children ?? []).compactMap { $0 as? XMLElement }.flatMap { child in
            (child.name == name ? [child] : []) + elements(name, in: child)
        }
    }

    /// (`attribute(forName:)` finds nothing on elements in a default namespace on Linux.)
    private func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    private func day(_ text: String) -> Day {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }

    // MARK: Calendar arithmetic

    @Test func epochDaysAndWeekdaysAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        for epochDay in stride(from: -30_000, through: 60_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(epochDay) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = Day(epochDay: epochDay)
            #expect(day == Day(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(day.epochDay == epochDay)
            #expect(Day.weekday(epochDay: epochDay) == (parts.weekday! + 5) % 7)  // Monday 0 … Sunday 6
        }
    }

    // MARK: Heat map

    @Test func heatMapHasOneBlockPerYearAndASquarePerDay() throws {
        let entries = [
            CalendarHeatMap.Entry(day: day("2024-01-01"), count: 1, url: "../2024/01/01/index.html"),
            CalendarHeatMap.Entry(day: day("2024-02-29"), count: 3, url: "../2024/02/29/index.html"),
            CalendarHeatMap.Entry(day: day("2023-12-31"), count: 2, url: "../2023/12/31/index.html"),
        ]
        let svgs = try parse(CalendarHeatMap.render(entries))
        #expect(svgs.map(\.name) == ["svg", "svg"])
        #expect(svgs.map { elements("text", in: $0).first?.stringValue } == ["2024", "2023"])  // newest year first
        #expect(svgs.map { elements("rect", in: $0).count } == [366, 365])
        #expect(svgs.map { elements("a", in: $0).count } == [2, 1])
        #expect(elements("a", in: svgs[0]).compactMap { attribute("href", of: $0) } == ["../2024/01/01/index.html", "../2024/02/29/index.html"])
        #expect(elements("a", in: svgs[1]).compactMap { attribute("href", of: $0) } == ["../2023/12/31/index.html"])
        let tips = svgs.flatMap { svg in elements("a", in: svg).compactMap { elements("title", in: $0).first?.stringValue } }
        #expect(tips == ["1 January 2024: 1 article", "29 February 2024: 3 articles", "31 December 2023: 2 articles"])
        for svg in svgs {
            #expect(attribute("role", of: svg) == "img")
            #expect(attribute("aria-label", of: svg)?.hasPrefix("Articles per day in") == true)
            #expect(attribute("fill", of: svg) == "currentColor")
            #expect(elements("title", in: svg).first?.stringValue == attribute("aria-label", of: svg))
        }
        // Weeks are columns with Monday on top: 1 January 2024 was a Monday, 29 February a Thursday in week 9.
        let squares = elements("a", in: svgs[0]).compactMap { elements("rect", in: $0).first }
        #expect(squares.map { attribute("x", of: $0) } == ["\(CalendarHeatMap.left)", "\(CalendarHeatMap.left + 8 * CalendarHeatMap.pitch)"])
        #expect(squares.map { attribute("y", of: $0) } == ["\(CalendarHeatMap.top)", "\(CalendarHeatMap.top + 3 * CalendarHeatMap.pitch)"])
        // Levels are relative to the busiest day of the whole archive (3 articles).
        #expect(squares.map { attribute("class", of: $0) } == ["hm-day hm-l2", "hm-day hm-l4"])
        #expect(elements("rect", in: svgs[0]).filter { attribute("class", of: $0) == "hm-day hm-l0" }.count == 364)
    }

    @Test func heatMapLevels() {
        #expect(CalendarHeatMap.level(0, busiest: 5) == 0)
        #expect(CalendarHeatMap.level(1, busiest: 1) == 4)
        #expect(CalendarHeatMap.level(1, busiest: 100) == 1)
        #expect(CalendarHeatMap.level(50, busiest: 100) == 2)
        #expect(CalendarHeatMap.level(100, busiest: 100) == 4)
    }

    @Test func heatMapEscapesLinks() throws {
        let markup = CalendarHeatMap.render([CalendarHeatMap.Entry(day: day("2024-05-05"), count: 1, url: "a&b\"<c>.html")])
        #expect(!markup.contains("a&b\""))
        let svg = try #require(try parse(markup).first)
        let link = try #require(elements("a", in: svg).first)
        #expect(attribute("href", of: link) == "a&b\"<c>.html")
    }

    @Test func anEmptyArchiveHasNoHeatMap() {
        #expect(CalendarHeatMap.render([]) == "")
    }

    // MARK: Topic chart

    @Test func shortSitesAreChartedPerWeek() throws {
        let markup = TopicChart.render(name: "Energy", days: [day("2024-01-01"), day("2024-01-03"), day("2024-01-15")],
                                       first: day("2024-01-01"), last: day("2024-03-01"))
        let svg = try #require(try parse(markup).first)
        let bars = elements("rect", in: svg)
        #expect(bars.count == 2)  // empty weeks draw nothing
        #expect(bars.compactMap { elements("title", in: $0).first?.stringValue } == ["Week of 1 January 2024: 2 articles", "Week of 15 January 2024: 1 article"])
        #expect(attribute("role", of: svg) == "img")
        #expect(attribute("aria-label", of: svg) == "Articles about Energy per week, 1 January 2024 to 26 February 2024: 3 articles; the most, 2, in the week of 1 January 2024.")
        // The busiest bar is full height; the other half of it.
        let heights = bars.compactMap { attribute("height", of: $0).flatMap(Double.init) }
        try #require(heights.count == 2)
        #expect(heights[0] == Double(TopicChart.height - TopicChart.top - TopicChart.bottom))
        #expect(heights[1] == heights[0] / 2)
        #expect(TopicChart.buckets(from: day("2024-01-01"), to: day("2024-03-01"), period: .week).count == 9)
    }

    @Test func longSitesAreChartedPerMonth() throws {
        let days = [day("2023-05-02"), day("2023-05-30"), day("2022-01-10"), day("2024-03-01")]
        let svg = try #require(try parse(TopicChart.render(name: "Economy", days: days, first: day("2022-01-10"), last: day("2024-03-01"))).first)
        #expect(elements("rect", in: svg).compactMap { elements("title", in: $0).first?.stringValue }
            == ["January 2022: 1 article", "May 2023: 2 articles", "March 2024: 1 article"])
        #expect(TopicChart.buckets(from: day("2022-01-10"), to: day("2024-03-01"), period: .month).count == 27)
        #expect(elements("text", in: svg).compactMap(\.stringValue).contains("Articles per month"))
    }

    @Test func chartEscapesTheTopicName() throws {
        let name = "R&D <b>\"Labs\"</b> & 'more'"
        let markup = TopicChart.render(name: name, days: [day("2024-01-02")], first: day("2024-01-01"), last: day("2024-01-31"))
        #expect(!markup.contains("<b>"))
        let svg = try #require(try parse(markup).first)
        #expect(attribute("aria-label", of: svg)?.hasPrefix("Articles about \(name) per week") == true)
        #expect(elements("title", in: svg).first?.stringValue?.contains(name) == true)
    }

    @Test func chartsAreDeterministic() {
        let days = (0..<200).map { Day(epochDay: 19_000 + $0 * 3) }
        let first = TopicChart.render(name: "X", days: days, first: days[0], last: days[199])
        #expect(TopicChart.render(name: "X", days: days.reversed(), first: days[0], last: days[199]) == first)
        #expect(!first.contains("e+") && !first.contains("nan"))
    }

    // MARK: In built pages

    @Test func archiveAndTopicPagesCarryTheirSVGs() throws {
        let site = makeSite([
            makeArticle("One", date: "2024-01-02T09:00:00Z", topics: ["Energy"]),
            makeArticle("Two", date: "2024-01-09T09:00:00Z", topics: ["Energy", "R&D <x>"]),
        ])
        let plan = PagePlan(site)
        let views = ViewBuilder(site: site)
        let archive = try #require(plan.pages.first { if case .archive = $0.content { true } else { false } })
        let heatMap = try #require(views.view(of: archive).archiveHeatMap)
        let links = try parse(heatMap).flatMap { elements("a", in: $0) }.compactMap { attribute("href", of: $0) }
        #expect(links == ["../2024/01/02/index.html", "../2024/01/09/index.html"])
        for link in links { #expect(resolve(link, from: archive.file).map { file in plan.pages.contains { $0.file == file } } == true) }

        let topicPages = plan.pages.filter { if case .listing(let listing) = $0.content, case .topic = listing.kind { true } else { false } }
        let charts = topicPages.compactMap { views.view(of: $0).listing?.chart }
        #expect(charts.count == 2)
        for chart in charts { #expect(try parse(chart).count == 1) }
        #expect(charts.contains { $0.contains("R&amp;D &lt;x&gt;") })
    }
}
