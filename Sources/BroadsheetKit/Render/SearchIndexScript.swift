extension SearchIndex {
    /// The script, and where each article's entry is in it (`SearchIndexState.entries`). An
    /// article kept from the last script (`kept`, `old`) keeps its entry there when it chose
    /// the same words, else its head; the others have their heads in `madeHeads`. Entries
    /// that followed one another there, with what is between them unchanged, are copied
    /// as one run: after an edit, most of the script is a few copies.
    static func script(_ site: Site, choice: WordChoice, old: SearchIndexState.Entries?, kept: [Int?],
                       madeHeads: [Int: [UInt8]]) -> (script: [UInt8], entries: [Int]) {
        var json = "window.BROADSHEET_SEARCH = {\"v\":\(version),\"suffix\":"
        json += site.config.prettyURLs ? "\"\"" : "\"index.html\""
        json += ",\"stopwords\":"
        ScriptJSON.appendList(stopwords.sorted(by: utf8Less), to: &json)
        json += ",\"topics\":"
        ScriptJSON.appendList(site.topics.map(\.topic.name), to: &json)
        json += ",\"words\":"
        ScriptJSON.appendList(choice.words, to: &json)
        json += ",\"days\":["

        var bytes = Array(json.utf8)
        bytes.reserveCapacity(bytes.count + (old?.script.count ?? 200 * site.articles.count) + 4096)
        var entries = [Int](repeating: 0, count: 3 * site.articles.count)
        // The old entries being copied as one run: where the run starts and ends there.
        var run: Range<Int>?, separator: [UInt8] = []
        func copyRun() {
            if let old, let copied = run { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old.script[copied])) }
            run = nil
        }
        choice.chosen.withLists { chosen in
            for (dayNumber, group) in site.days.enumerated() {
                for (number, index) in group.articles.enumerated() {
                    // What goes before the entry: a comma, or the end of the last day and the start of this one.
                    separator.removeAll(keepingCapacity: true)
                    if number > 0 {
                        separator.append(UInt8(ascii: ","))
                    } else {
                        if dayNumber > 0 { separator += "]],".utf8 }
                        separator += "[\"".utf8
                        separator += group.day.iso.utf8
                        separator += "\",[".utf8
                    }
                    if let before = kept[index], let old, Self.same(old.chosen[before], chosen[index]) {
                        let offsets = old.offsets(of: before)
                        if let copied = run, offsets.start - copied.upperBound == separator.count,
                           old.script[copied.upperBound..<offsets.start].elementsEqual(separator) {
                            run = copied.lowerBound..<offsets.end
                        } else {
                            copyRun()
                            bytes += separator
                            run = offsets.start..<offsets.end
                        }
                        // Where it will be once its run is copied.
                        let shift = bytes.count - (run?.lowerBound ?? 0)
                        (entries[3 * index], entries[3 * index + 1], entries[3 * index + 2]) = (offsets.start + shift, offsets.words + shift, offsets.end + shift)
                        continue
                    }
                    copyRun()
                    bytes += separator
                    entries[3 * index] = bytes.count
                    if let before = kept[index], let old {
                        let offsets = old.offsets(of: before)
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: old.script[offsets.start..<offsets.words]))
                    } else {
                        bytes += madeHeads[index] ?? []
                    }
                    entries[3 * index + 1] = bytes.count
                    IndexCode.append(chosen[index], to: &bytes)
                    bytes += "\"]".utf8
                    entries[3 * index + 2] = bytes.count
                }
            }
        }
        copyRun()
        if !site.days.isEmpty { bytes += "]]".utf8 }
        bytes += "]};\n".utf8
        return (bytes, entries)
    }

    /// Whether two lists of positions are the same (the same memory, when a choice kept its lists).
    private static func same(_ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>) -> Bool {
        (a.baseAddress == b.baseAddress && a.count == b.count) || a.elementsEqual(b)
    }
}
