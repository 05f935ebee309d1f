import Foundation
import Testing
@testable import BroadsheetKit

/// An incremental build must give exactly the bytes of a clean build, whatever
/// changed since the last one; and it must skip what did not change.
@Suite struct IncrementalBuildTests {
    /// The site's output (manifest included) is what a clean build of its inputs into `folder/Clean` gives.
    func expectOutputOfCleanBuild(_ site: SiteFolders, in folder: URL) throws {
        let clean = folder.appendingPathComponent("Clean")
        try site.build(into: clean)
        #expect(try readTree(site.output) == readTree(clean))
    }

    /// A file's fingerprint (read eight bytes at a time) changes with any one byte, ends its
    /// field, and is the same whatever sequence holds the bytes.
    @Test func fingerprintsSeeEveryByte() {
        let bytes = Array("Harbour ferries return to the island, twice a day".utf8)
        func fingerprint(_ parts: [UInt8]...) -> UInt64 {
            var fingerprint = Fingerprint()
            for part in parts { fingerprint.add(bytes: part) }
            return fingerprint.value
        }
        var seen: Set<UInt64> = [fingerprint(bytes)]
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            #expect(seen.insert(fingerprint(changed)).inserted, "byte \(index)")
        }
        #expect(fingerprint(Array(bytes[..<9]), Array(bytes[9...])) != fingerprint(Array(bytes[..<8]), Array(bytes[8...])))
        var lazily = Fingerprint()
        lazily.add(bytes: bytes.lazy.map { $0 })
        #expect(lazily.value == fingerprint(bytes))
    }

    /// Builds the basic fixture after `setUp`, applies `edit`, builds again, and expects
    /// the output of a clean build.
    func expectEditBuildsAsClean(_ edit: Edit, setUp: (SiteFolders) throws -> Void = { _ in }) throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try setUp(site)
            try site.build()
            try edit.apply(site)
            try site.build()
            try expectOutputOfCleanBuild(site, in: folder)
        }
    }

    /// After each edit, the incrementally built output equals a clean build of the same input.
    @Test(arguments: Edit.all)
    func incrementalEqualsClean(_ edit: Edit) throws {
        try expectEditBuildsAsClean(edit)
    }

    /// Lists, related articles and neighbour links are re-rendered by what their cards show
    /// (`PageFingerprints.cardKeys`), not by the article's whole source: with a card that
    /// shows every field, an edit of each reaches every page as a clean build has it.
    @Test(arguments: Edit.cardFields)
    func everyFieldACardShowsReachesTheLists(_ edit: Edit) throws {
        try expectEditBuildsAsClean(edit) { site in
            try site.write(["partials/card.mustache": """
                <li><a href="{{url}}">{{title}}</a> {{date}} {{dateISO}} {{dayURL}} {{#topics}}{{name}} {{url}}{{/topics}}
                {{summary}} {{author}} {{source}} {{sourceURL}} {{sourceID}} {{readingMinutes}} {{params.editor}}</li>
                """], under: "Templates")
            try Edit.nameAnEditor.apply(site)
        }
    }

    /// An article page's related articles are found only when it is rendered; its fingerprint
    /// follows their candidates (`ViewBuilder.relatedCandidates(of:)`). With related articles
    /// shown, every kind of edit builds as a clean build does.
    @Test(arguments: Edit.all)
    func relatedArticlesFollowEveryEdit(_ edit: Edit) throws {
        try expectEditBuildsAsClean(edit) { site in
            let template = site.templates.appendingPathComponent("article.mustache")
            let text = try String(contentsOf: template, encoding: .utf8)
            #expect(text.contains("</article>"))
            try text.replacingOccurrences(of: "</article>", with: "{{#related}}<a href=\"{{url}}\">{{title}}</a> {{summary}}\n{{/related}}</article>")
                .write(to: template, atomically: true, encoding: .utf8)
        }
    }

    /// An edit that keeps every page leaves the cache's list of page files as it was (not
    /// written again); a later edit that adds or moves pages builds what a clean build does.
    @Test(arguments: [Edit.all[5], Edit.all[4]])
    func pagesAddedAfterAnEditThatKeptThemBuildAsClean(_ edit: Edit) throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            try Edit.editBody.apply(site)
            #expect(try site.build().written > 0)
            try edit.apply(site)
            try site.build()
            try expectOutputOfCleanBuild(site, in: folder)
        }
    }

    /// A build that fails after parsing (a static file clashing with a page) has begun
    /// writing the cache while it rendered; the output stays as it was, and the build after
    /// the fix gives what a clean build does.
    @Test func aBuildAfterOneThatFailedLateBuildsAsClean() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let before = try site.outputTree()
            try Edit.editBody.apply(site)
            try site.write(["static/404.html": "<p>mine</p>\n"], under: "Templates")
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(try site.outputTree() == before)
            try site.remove("Templates/static/404.html")
            try site.build()
            try expectOutputOfCleanBuild(site, in: folder)
        }
    }

    @Test func aBuildWithNothingChangedReadsNoArticleAndWritesNothing() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let first = try site.build()
            let second = try site.build()
            #expect(second.written == 0 && second.removed == 0)
            #expect(second.unchanged == first.written)
            #expect(second.articles == first.articles)
            #expect(second.stages.map(\.name) == ["load"])
        }
    }

    @Test func oneEditedArticleRewritesOnlyThePagesThatShowIt() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let first = try site.build()
            try Edit.retitle.apply(site)
            let second = try site.build()
            #expect(second.written > 0)
            #expect(second.written < first.written / 2)
        }
    }

    /// The search index (a pass over every article's words) is rebuilt when some article's
    /// words change, and kept when an edit leaves every word as it was.
    @Test func theSearchIndexIsRebuiltOnlyWhenWordsChange() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let index = site.output.appendingPathComponent(SearchIndex.file)
            let before = try Data(contentsOf: index)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: index.path)
            try Edit.punctuate.apply(site)
            #expect(try site.build().written > 0)
            #expect(try FileManager.default.attributesOfItem(atPath: index.path)[.modificationDate] as? Date == Date(timeIntervalSince1970: 0))
            try Edit.editBody.apply(site)   // a new word
            try site.build()
            #expect(try Data(contentsOf: index) != before)
        }
    }

    @Test func aTouchedButUnchangedFileRewritesNothing() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let file = site.content.appendingPathComponent("2024/01/ferry-timetable.md")
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
            let report = try site.build()
            #expect(report.written == 0 && report.removed == 0)
            #expect(report.stages.map(\.name).contains("render"))
            // The cache took the file's new time: the next parse reads nothing again.
            let cache = try #require(BuildCache.load(from: BuildCache.folder(for: site.output)))
            let (entries, _) = FolderReader(root: site.content, extensions: ["md", "txt"]).list()
            #expect(!entries.isEmpty)
            #expect(IncrementalParse(entries, cache: cache).toRead.isEmpty)
        }
    }

    /// A file listed but gone by the time it is read (files are read where they are parsed)
    /// is named as unreadable, has no entry, and the others parse as before.
    @Test func aFileThatCannotBeReadWhenParsedIsNamed() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let (entries, _) = FolderReader(root: site.content, extensions: ["md", "txt"]).list()
            let parse = IncrementalParse(entries, cache: BuildCache())
            let gone = "2024/01/ferry-timetable.md"
            try site.remove("Content/" + gone)
            let outcome = parse.run(config: SiteConfig())
            #expect(outcome.unreadable == [.error(gone, "cannot be read; expected a readable file")])
            #expect(outcome.entries[gone] == nil)
            #expect(outcome.entries.count == entries.count - 1)
            let index = try #require(entries.firstIndex { $0.path == gone })
            #expect(outcome.listed[index] == nil)
            #expect(outcome.listed.enumerated().allSatisfy { $0.offset == index || $0.element?.article != nil })
        }
    }

    /// The cache is made by one program: a rebuilt `broadsheet` of the same version, which may
    /// render differently, finds no cache of its own and builds cold.
    @Test func theCacheBelongsToTheProgramThatMadeIt() throws {
        #expect(BroadsheetVersion.build.hasPrefix(BroadsheetVersion.current + " "))
        #expect(BroadsheetVersion.build != BroadsheetVersion.current + " 0 0.0", "the running program was not found")
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let cache = BuildCache.folder(for: site.output)
            #expect(BuildCache.loadHeader(from: cache) != nil)
            // The same cache as another program of the same version made it: one byte of its stamp differs.
            let state = cache.appendingPathComponent("state")
            var bytes = try Data(contentsOf: state)
            let stamp = try #require(bytes.firstRange(of: Data(BroadsheetVersion.build.utf8)))
            bytes[stamp.upperBound - 1] = bytes[stamp.upperBound - 1] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            try bytes.write(to: state)
            #expect(BuildCache.loadHeader(from: cache) == nil)
        }
    }

    @Test func pageKeysCompareByPositionWhenThePlanIsTheSame() {
        let files = ["index.html", "a/index.html", "b/index.html"]
        let layout = PageKeys.layout(of: files, staticFiles: ["style.css"])
        let last = PageKeys(layout: layout, keys: [1, 2, 3], files: .listed(files))
        #expect(last.stale([1, 9, 3], files: files, layout: layout) == [false, true, false])
        // Another plan (a page gone, one new, the rest moved): compared by file.
        let moved = ["b/index.html", "index.html", "c/index.html"]
        let other = PageKeys.layout(of: moved, staticFiles: ["style.css"])
        #expect(other != layout && PageKeys.layout(of: files, staticFiles: []) != layout)
        #expect(last.stale([3, 1, 3], files: moved, layout: other) == [false, false, true])
        // Files left in a cache file that is gone: every page is stale.
        let lost = PageKeys(layout: layout, keys: [1, 2, 3], files: .stored(path: "/nonexistent/page-files"))
        #expect(lost.stale([3, 1, 3], files: moved, layout: other) == [true, true, true])
        #expect(PageKeys.none.stale([1, 2, 3], files: files, layout: layout) == [true, true, true])
    }

    /// A file with more bytes than `fstat` said when it was opened (one that grows while it is
    /// read) is read to its end: a FIFO, whose size is 0, stands in for it.
    @Test func aFileIsReadToItsEndWhateverItsSizeSaid() throws {
        try withTemporaryFolder { folder in
            let fifo = folder.appendingPathComponent("growing").path
            try #require(mkfifo(fifo, 0o600) == 0)
            let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }   // more than three chunks
            let writer = Thread {
                // A reader that stops early fails the test; it must not kill the test run with SIGPIPE.
                var pipeSignal = sigset_t()
                sigemptyset(&pipeSignal)
                sigaddset(&pipeSignal, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
                let descriptor = open(fifo, O_WRONLY)
                guard descriptor >= 0 else { return }
                defer { close(descriptor) }
                var written = 0
                while written < bytes.count {
                    let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                    guard count > 0 else { return }
                    written += count
                }
            }
            writer.start()
            #expect(PlainFile.read(fifo) == bytes)
        }
    }

    /// The cache entries a rebuild rewrites: the files it read, and the files gone since;
    /// without a deletion, only the files read.
    @Test func changedPathsAreTheFilesReadAndTheFilesGone() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let edited = "2024/01/ferry-timetable.md"
            func changed() throws -> Set<String> {
                let cache = try #require(BuildCache.load(from: BuildCache.folder(for: site.output)))
                let (entries, _) = FolderReader(root: site.content, extensions: ["md", "txt"]).list()
                let parse = IncrementalParse(entries, cache: cache)
                return parse.changedPaths(comparedTo: parse.run(config: SiteConfig()).entries)
            }
            try Edit.editBody.apply(site)
            #expect(try changed() == [edited])
            let gone = try #require(FolderReader(root: site.content, extensions: ["md"]).list().entries.map(\.path).first { $0 != edited })
            try site.remove("Content/" + gone)
            #expect(try changed() == [edited, gone])
        }
    }

    @Test func cacheFilesAreMappedAndReadWhole() throws {
        try withTemporaryFolder { folder in
            let full = folder.appendingPathComponent("full").path, empty = folder.appendingPathComponent("empty").path
            let missing = folder.appendingPathComponent("missing").path
            let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try PlainFile.create(full, bytes: bytes)
            try PlainFile.create(empty, bytes: [])
            #expect(PlainFile.read(full) == bytes)
            #expect(PlainFile.read(empty) == [])
            #expect(PlainFile.read(missing) == nil)
            let mapped = try #require(SharedBytes(mapping: full))
            #expect(Array(mapped.buffer) == bytes)
            #expect(mapped.string(0..<0) == "")
            #expect(try #require(SharedBytes(mapping: empty)).buffer.isEmpty)
            #expect(SharedBytes(mapping: missing) == nil)
            // A mapping outlives its file's replacement, as the cache's shards are replaced.
            unlink(full)
            try PlainFile.create(full, bytes: [1, 2, 3])
            #expect(Array(mapped.buffer) == bytes)
        }
    }

    /// Each kind of cache file cut short on its own (the texts are checked against the size their sources recorded).
    @Test(arguments: ["sources", "texts", "pages", "page-files", "search"]) func aDamagedCacheIsIgnored(_ kind: String) throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let expected = try site.outputTree()
            let cache = BuildCache.folder(for: site.output)
            let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix(kind) }
            #expect(!names.isEmpty)
            for name in names {
                let url = cache.appendingPathComponent(name)
                let bytes = try [UInt8](Data(contentsOf: url))
                try Data(bytes.prefix(bytes.count / 2)).write(to: url)
            }
            try Edit.retitle.apply(site)
            try site.build()
            try site.build(into: folder.appendingPathComponent("Clean"))
            #expect(try site.outputTree() != expected)
            #expect(try site.outputTree() == readTree(folder.appendingPathComponent("Clean")).filter { $0.key != OutputWriter.manifestName })
        }
    }

    /// Changes a user makes between builds.
    struct Edit: Sendable, CustomTestStringConvertible {
        let name: String
        let apply: @Sendable (SiteFolders) throws -> Void

        var testDescription: String { name }

        static let retitle = Edit(name: "retitle an article") { site in
            try replace("title: Winter ferry timetable starts on Tuesday", with: "title: Ferry timetable moves to winter hours", in: "Content/2024/01/ferry-timetable.md", site)
        }

        static let editBody = Edit(name: "edit a body") { site in
            try replace("Tickets bought", with: "Paper tickets bought", in: "Content/2024/01/ferry-timetable.md", site)
        }

        /// A body edit that keeps every word: the search index's inputs stay the same.
        static let punctuate = Edit(name: "change punctuation only") { site in
            try replace("Tickets bought before the change stay valid.", with: "Tickets bought before the change stay valid!", in: "Content/2024/01/ferry-timetable.md", site)
        }

        static let all: [Edit] = [
            retitle,
            editBody,
            punctuate,
            Edit(name: "change topics") { site in
                try replace("topics: [Transport]", with: "topics: [Weather, Harbour]", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "move to another day") { site in
                try replace("date: 2024-01-30T08:00:00Z", with: "date: 2024-02-01T05:00:00Z", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "add an article") { site in
                try site.write(["2024/02/new-pier.md": "---\ntitle: New pier opens\ndate: 2024-02-01T12:00:00Z\ntopics: [Transport]\n---\nThe pier is open.\n"])
            },
            Edit(name: "delete an article") { site in try site.remove("Content/2024/01/ferry-timetable.md") },
            Edit(name: "delete an article and add another") { site in
                try site.remove("Content/2024/01/ferry-timetable.md")
                try site.write(["2024/02/new-pier.md": "---\ntitle: New pier opens\ndate: 2024-02-01T12:00:00Z\n---\nThe ferry pier is open.\n"])
            },
            Edit(name: "edit a wire dump") { site in
                try replace("Frost warning for the hill roads", with: "Ice warning for the hill roads", in: "Content/2024/02/frost-warning.txt", site)
            },
            Edit(name: "change a template") { site in
                let path = "Templates/article.mustache"
                let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
                try (text + "\n<!-- edited -->\n").write(to: site.root.appendingPathComponent(path), atomically: true, encoding: .utf8)
            },
            Edit(name: "change site.yml") { site in
                try replace("per_page: 2", with: "per_page: 3", in: "site.yml", site)
            },
            Edit(name: "change a topic rule") { site in
                try replace("Weather: [snow, frost, ice]", with: "Weather: [snow, ice]", in: "site.yml", site)
            },
        ]

        /// Gives an article the parameter `editor`, which `cardFields` changes.
        static let nameAnEditor = Edit(name: "name an editor") { site in
            try replace("author: Ida Marsh\n", with: "author: Ida Marsh\neditor: Tom Hale\n", in: "Content/2024/01/ferry-timetable.md", site)
        }

        /// Edits of the fields a card shows besides the title, date and topics (in `all`).
        static let cardFields: [Edit] = [
            Edit(name: "change the author") { site in
                try replace("author: Ida Marsh", with: "author: Ida Marsh-Berg", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "change the first paragraph, which is the summary") { site in
                try replace("leaving at 06:40", with: "leaving at 06:50", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "add a source link") { site in
                try replace("author: Ida Marsh\n", with: "author: Ida Marsh\nsource: https://example.org/ferries\n", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "change a parameter's value") { site in
                try replace("editor: Tom Hale", with: "editor: Tom Hill", in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "add a minute of reading") { site in
                try replace("stay valid.", with: "stay valid. " + String(repeating: "More sailings follow. ", count: 80), in: "Content/2024/01/ferry-timetable.md", site)
            },
            Edit(name: "change a wire dump's ID line") { site in
                try replace("FELLWIRE01022024000055556666ID7777888899", with: "FELLWIRE01022024000055556666ID7777888800", in: "Content/2024/02/frost-warning.txt", site)
            },
        ]

        private static func replace(_ old: String, with new: String, in path: String, _ site: SiteFolders) throws {
            let url = site.root.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "fixture changed: \(path) no longer contains \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
