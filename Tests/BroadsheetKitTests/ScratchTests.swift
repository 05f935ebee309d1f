import Foundation
import Testing
import Yams
@testable import BroadsheetKit

@Test func scratch() throws {
    for s in ["Zürich", "Киев", "Київ", "Αθήνα", "東京", "서울", "Ελληνικά νέα", "Crème brûlée", "Ærø straße Łódź", "İstanbul"] {
        print("SLUG", s, Slug(from: s)?.value ?? "nil")
    }
    for a in ["CET", "EST", "PST", "BST", "CEST", "EET", "JST", "MSK", "XYZ"] {
        print("TZ", a, TimeZone(abbreviation: a)?.identifier ?? "nil", TimeZone(abbreviation: a)?.secondsFromGMT(for: Date(timeIntervalSince1970: 1704197820)) ?? -1)
    }
    let yamls = ["title: A\ndate: 2024-01-02\ntitle: B\n", "title: A\nbad: a: b\n", "title: A\nlist: [a, b\n", "title: \"abc\n", "- a\n- b\n", "just text\n", "title: A\n\tdate: x\n", "a: 1\n  b: 2\n"]
    for y in yamls {
        let r = YAMLMapping.parse(y, path: "x.md", lineOffset: 1)
        switch r {
        case .success(let m): print("YAML OK", m.entries.map { "\($0.key)@\($0.line):\($0.column)" })
        case .failure(let d): print("YAML ERR", d.description.replacingOccurrences(of: "\n", with: "\\n"))
        }
    }
    let cfg = "title: X\nwire:\n  trailer:\n    - ok\n    - \"[bad\"\n"
    if case .failure(let f) = SiteConfig.parse(cfg, path: "site.yml") { print("CFG", f) }
}
