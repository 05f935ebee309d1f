import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import BroadsheetKit

/// What a build does to the output folder: nothing on failure, exactly the site on
/// success, never a file it did not write, never anything outside it.
@Suite struct OutputSafetyTests {
    // MARK: A failed build leaves the output as it was
    // (content errors: BuildTests.contentErrorsLeaveTheOutputExactlyAsItWas)

    /// Builds the basic fixture, breaks it with `breakIt`, and checks that the next build
    /// fails and leaves every file, folder and modification time of the output as it was.
    /// `changeOutput` makes changes of a user to the output folder before the snapshot.
    @discardableResult
    private func expectFailureLeavesOutputUntouched(changeOutput: (SiteFolders) throws -> Void = { _ in },
                                                    _ breakIt: (SiteFolders) throws -> Void,
                                                    sourceLocation: SourceLocation = #_sourceLocation) throws -> BuildFailure? {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            try changeOutput(site)
            let before = try FolderSnapshot(site.output)
            try breakIt(site)
            let failure = #expect(throws: BuildFailure.self, sourceLocation: sourceLocation) { try site.build() }
            let after = try FolderSnapshot(site.output)
            #expect(after == before, "\(after.differences(from: before))", sourceLocation: sourceLocation)
            return failure
        }
    }

    @Test func aTemplateErrorLeavesTheOutputUntouched() throws {
        let failure = try expectFailureLeavesOutputUntouched { site in
            try site.write(["list.mustache": "{{#listing.articles}}never closed"], under: "Templates")
        }
        #expect(failure?.diagnostics.map(\.path) == ["list.mustache"])
    }

    @Test func aConfigErrorLeavesTheOutputUntouched() throws {
        let failure = try expectFailureLeavesOutputUntouched { site in
            try site.appendToConfig("per_page: many\n")
        }
        #expect(failure?.diagnostics.map(\.path) == ["site.yml"])
    }

    @Test func aFileInTheWayOfANewFolderFailsBeforeAnythingIsChanged() throws {
        // A file the user put where the new article's day folder must go: the write
        // cannot succeed, and nothing of the new site may land in the output.
        let failure = try expectFailureLeavesOutputUntouched(changeOutput: { site in
            try writeTree(["2024/02/06": "the user's notes\n"], into: site.output)
        }) { site in
            try site.write(["2024/02/pier.md": "---\ntitle: New pier\ndate: 2024-02-06T10:00:00Z\n---\nA new pier.\n"])
            // and a change to an existing page, which must not be written either
            try site.write(["2024/01/ferry-timetable.md": try String(contentsOf: site.content.appendingPathComponent("2024/01/ferry-timetable.md"), encoding: .utf8) + "\nOne more line.\n"])
        }
        let message = failure?.description ?? ""
        #expect(message.contains("2024/02/06"), "\(message)")
    }

    @Test func aFolderInTheWayOfAFileFailsBeforeAnythingIsChanged() throws {
        let failure = try expectFailureLeavesOutputUntouched(changeOutput: { site in
            // The home page, which the new article changes (a page that does not change is
            // kept without a look, as the README says of hand edits in the output).
            try FileManager.default.removeItem(at: site.output.appendingPathComponent("index.html"))
            try writeTree(["index.html/keep.txt": "the user's notes\n"], into: site.output)
        }) { site in
            try site.write(["2024/02/pier.md": "---\ntitle: New pier\ndate: 2024-02-06T10:00:00Z\n---\nA new pier.\n"])
        }
        #expect(failure?.description.contains("index.html") == true)
    }

    @Test func aFileThatCannotBeStagedFailsTheBuildAndLeavesTheOutputUntouched() throws {
        // A real write error that root cannot override: a static asset whose path is
        // just short enough to read from Templates/static/ but too long (PATH_MAX)
        // once it sits under the output's staging folder.
        try expectFailureLeavesOutputUntouched { site in
            try writeTree([Self.tooLongToStage(site): "long\n"], into: site.templates.appendingPathComponent("static"))
        }
    }

    @Test func aFailedFirstBuildLeavesNoOutputFolder() throws {
        // (content errors: BuildTests.aFailedFirstBuildCreatesNothing)
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["404.mustache": "{{#unclosed}}"], under: "Templates")
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
            // nor when writing fails
            try site.remove("Templates/404.mustache")
            try FileManager.default.copyItem(at: testsFolder.appendingPathComponent("Fixtures/basic/Templates/404.mustache"), to: site.templates.appendingPathComponent("404.mustache"))
            try writeTree([Self.tooLongToStage(site): "long\n"], into: site.templates.appendingPathComponent("static"))
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(!FileManager.default.fileExists(atPath: site.output.path))
            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".Public.broadsheet-new").path))
        }
    }

    @Test func aFirstBuildDoesNotReplaceFilesThatAppearedInTheOutputMeanwhile() throws {
        // A first build's tree replaces the output folder as a whole; a file put there
        // while the pages rendered must stop the commit, not be deleted with the folder.
        try withTemporaryFolder { folder in
            let output = folder.appendingPathComponent("Public")
            let writer = OutputWriter(folder: output)
            #expect(writer.isFirstBuild)
            let tree = try writer.freshTree(for: ["a/index.html"])
            #expect(tree.write(OutputFile(path: "a/index.html", bytes: Array("page\n".utf8))) == nil)
            try writeTree(["notes.txt": "the user's\n"], into: output)
            let failure = #expect(throws: BuildFailure.self) {
                try writer.write([], into: tree, written: ["a/index.html"])
            }
            #expect(failure?.description.contains("appeared in the output folder") == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["notes.txt"])
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".Public.broadsheet-new").path))
        }
    }

    @Test func aFirstBuildWhosePagesCannotBeWrittenAsTheyRenderLeavesNothing() throws {
        // A first build writes its pages into a new tree beside the output as they render.
        // Here the output sits so deep that the tree's folders can be made but its longest
        // page's path is PATH_MAX long: that page fails, and no tree or output may remain.
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let probe = folder.appendingPathComponent("probe")
            try site.build(into: probe)
            let pages = try #require(FileManager.default.subpaths(atPath: probe.path)).filter { $0.hasSuffix("index.html") }
            let longest = try #require(pages.max { $0.utf8.count < $1.utf8.count })
            // tree = parent + "/.Public.broadsheet-new/" + UUID; tree + "/" + longest is PATH_MAX bytes.
            let treeLength = Int(PATH_MAX) - 1 - longest.utf8.count
            let parentLength = treeLength - "/.Public.broadsheet-new/".utf8.count - 36
            var parent = folder.appendingPathComponent("deep")
            while parent.path.utf8.count + 201 < parentLength { parent.appendPathComponent(String(repeating: "d", count: 200)) }
            parent.appendPathComponent(String(repeating: "e", count: parentLength - parent.path.utf8.count - 1))
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            let output = parent.appendingPathComponent("Public")

            let failure = #expect(throws: BuildFailure.self) { try site.build(into: output) }
            #expect(failure?.description.contains("\(longest) cannot be written") == true, "\(failure?.description ?? "")")
            #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { !$0.contains("broadsheet-cache") } == [])
        }
    }

    /// A path under `Templates/static/` whose source path is PATH_MAX - 1 bytes long: it can be
    /// read, but not written under the output's staging folder, which is a longer path.
    static func tooLongToStage(_ site: SiteFolders) -> String {
        let staticFolder = site.templates.appendingPathComponent("static").path
        let staged = (site.output.path + "/" + OutputWriter.stagingName).utf8.count
        #expect(staged > staticFolder.utf8.count)
        let target = Int(PATH_MAX) - 1 - (staticFolder.utf8.count + 1)
        var relative = ""
        while relative.utf8.count + 201 < target { relative += String(repeating: "d", count: 200) + "/" }
        return relative + String(repeating: "f", count: target - relative.utf8.count)
    }

    // MARK: A killed run is cleaned up or finished by the next

    @Test func aStagingFolderWithoutAJournalIsRemovedAndTheOutputKept() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let before = try FolderSnapshot(site.output)
            // what a run killed while staging leaves: half-written files, no journal
            try writeTree(["index.html": "<p>half", "2024/01/30/index.html": "", "topics/new/index.html": "x"],
                          into: site.output.appendingPathComponent(OutputWriter.stagingName))
            try site.build()
            let after = try FolderSnapshot(site.output)
            #expect(after == before, "\(after.differences(from: before))")
        }
    }

    @Test func aCommitKilledHalfWayIsFinishedByTheNextRun() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let old = try readTree(site.output)
            // The next version of the site: one article retitled (its old page becomes stale).
            let path = "2024/01/ferry-timetable.md"
            let text = try String(contentsOf: site.content.appendingPathComponent(path), encoding: .utf8)
            try site.write([path: text.replacingOccurrences(of: "title: Winter ferry timetable starts on Tuesday", with: "title: Ferry timetable moves to winter hours")])
            let clean = folder.appendingPathComponent("Clean")
            try site.build(into: clean)
            let new = try readTree(clean)

            // What `OutputWriter` leaves when killed after its journal: every changed file
            // staged, half of them (and the manifest) already renamed into place, none of
            // the stale files removed yet.
            let changed = new.keys.filter { new[$0] != old[$0] && $0 != OutputWriter.manifestName }.sorted() + [OutputWriter.manifestName]
            let stale = Set(old.keys).subtracting(new.keys).sorted()
            #expect(!stale.isEmpty)
            let staging = site.output.appendingPathComponent(OutputWriter.stagingName)
            try writeTree(Dictionary(uniqueKeysWithValues: changed.map { ($0, new[$0]!) }), into: staging)
            let journal = (changed.map { "W " + $0 } + stale.map { "D " + $0 }).joined(separator: "\n") + "\n"
            try writeTree([OutputWriter.journalName: journal], into: site.output)
            for file in changed.enumerated().filter({ $0.offset % 2 == 0 || $0.element == OutputWriter.manifestName }).map(\.element) {
                let target = site.output.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                #expect(rename(staging.appendingPathComponent(file).path, target.path) == 0)
            }

            // Recovery alone finishes the commit ...
            try OutputWriter(folder: site.output).recover()
            #expect(try readTree(site.output) == new)
            #expect(!FileManager.default.fileExists(atPath: staging.path))
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(OutputWriter.journalName).path))
        }
    }

    @Test func theNextBuildAfterAKilledCommitEqualsACleanBuild() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let old = try readTree(site.output)
            try site.remove("Content/2024/01/ferry-timetable.md")
            let clean = folder.appendingPathComponent("Clean")
            try site.build(into: clean)
            let new = try readTree(clean)
            // Killed after the manifest was renamed into place, before the stale files went:
            // only the journal still knows that they are Broadsheet's.
            let stale = Set(old.keys).subtracting(new.keys).sorted()
            try writeTree([OutputWriter.manifestName: new[OutputWriter.manifestName]!,
                           OutputWriter.journalName: Array(((["W " + OutputWriter.manifestName] + stale.map { "D " + $0 }).joined(separator: "\n") + "\n").utf8)],
                          into: site.output)
            try site.build()
            #expect(try readTree(site.output) == new)
            #expect(try FolderSnapshot(site.output).folders == FolderSnapshot(clean).folders)
        }
    }

    // MARK: Exactly the site's files on success
    // (a second build rewrites nothing: BuildTests.aSecondBuildRewritesNothing;
    //  deleting an article: BuildTests.deletingAnArticleRemovesItsPageAndItsListEntries;
    //  any edit equals a clean build: IncrementalBuildTests.incrementalEqualsClean)

    @Test func aRetitledArticleDisappearsFromEveryPageFeedAndTheSitemap() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["2024/02/lighthouse.md": "---\ntitle: Lighthouse keeper retires\ndate: 2024-02-09T10:00:00Z\ntopics: [Lighthouses]\n---\nForty years on the rock.\n"])
            try site.build()
            let before = try FolderSnapshot(site.output)
            #expect(before.files["2024/02/09/lighthouse-keeper-retires/index.html"] != nil)
            #expect(before.files["topics/lighthouses/feed.xml"] != nil)

            try site.write(["2024/02/lighthouse.md": "---\ntitle: Harbour master retires\ndate: 2024-02-10T10:00:00Z\ntopics: [Harbour]\n---\nForty years on the quay.\n"])
            let report = try site.build()
            let after = try FolderSnapshot(site.output)
            for gone in ["2024/02/09/lighthouse-keeper-retires/index.html", "2024/02/09/index.html",
                         "topics/lighthouses/index.html", "topics/lighthouses/feed.xml"] {
                #expect(after.files[gone] == nil, "\(gone) is still there")
            }
            #expect(!after.folders.contains("topics/lighthouses") && !after.folders.contains("2024/02/09"))
            for (path, bytes) in after.files where !path.hasPrefix(".") {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(!text.contains("lighthouse"), "\(path) still mentions the old article")
                #expect(!text.contains("Lighthouse"), "\(path) still mentions the old article")
            }
            #expect(report.removed >= 4)
            // Unchanged files keep their modification time; only changed bytes are written.
            for (path, bytes) in after.files where before.files[path] == bytes {
                #expect(after.stamps[path] == before.stamps[path], "\(path) was rewritten with the same bytes")
            }
            // and the result is exactly a clean build of the new content
            let clean = folder.appendingPathComponent("Clean")
            try site.build(into: clean)
            #expect(after.files == (try FolderSnapshot(clean)).files)
        }
    }

    @Test func theManifestListsExactlyTheFilesBroadsheetWrote() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build(into: site.output)
            try writeTree(["CNAME": "news.example.org\n", "2024/01/notes.txt": "mine\n"], into: site.output)
            try site.write(["2024/02/pier.md": "---\ntitle: New pier\ndate: 2024-02-06T10:00:00Z\n---\nA new pier.\n"])
            try site.build()
            let manifest = try #require(try readTree(site.output).text(OutputWriter.manifestName))
            let listed = manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
            let files = try filePaths(in: site.output).filter { ![OutputWriter.manifestName, "CNAME", "2024/01/notes.txt"].contains($0) }
            #expect(listed == files)
            #expect(listed.allSatisfy(OutputWriter.isSafe))
        }
    }

    @Test func filesAUserAddedAreNeverDeleted() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            // a folder that already holds the user's files: built into once with --force
            try writeTree(["CNAME": "news.example.org\n", "keep/notes.txt": "mine\n"], into: site.output)
            try Builder(site.options(force: true)).build()
            // more of the user's files, one in a folder Broadsheet will empty, one named like a page
            try writeTree(["2024/01/30/notes.txt": "mine\n", "2024/01/30/other/index.html": "<p>mine</p>\n"], into: site.output)
            try site.remove("Content/2024/01/ferry-timetable.md")   // the only article of 30 January
            let report = try site.build()
            #expect(report.removed > 0)
            for path in ["CNAME", "keep/notes.txt", "2024/01/30/notes.txt", "2024/01/30/other/index.html"] {
                #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "\(path) was deleted")
            }
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2024/01/30/index.html").path))
            // and a build with nothing to build removes only Broadsheet's files
            for file in try filePaths(in: site.content) { try site.remove("Content/" + file) }
            try site.build()
            for path in ["CNAME", "keep/notes.txt", "2024/01/30/notes.txt", "2024/01/30/other/index.html"] {
                #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "\(path) was deleted")
            }
        }
    }

    @Test func aTamperedManifestCannotDeleteOutsideTheOutputOrAFolder() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let outside = folder.appendingPathComponent("outside")
            try writeTree(["victim.txt": "keep me\n"], into: outside)
            try writeTree(["keep/notes.txt": "mine\n"], into: site.output)
            try FileManager.default.createSymbolicLink(at: site.output.appendingPathComponent("linked"), withDestinationURL: outside)
            let manifest = site.output.appendingPathComponent(OutputWriter.manifestName)
            let text = try String(contentsOf: manifest, encoding: .utf8)
            try (text + "../outside/victim.txt\n/\(outside.path)/victim.txt\nlinked/victim.txt\nkeep\n./keep/notes.txt\n").write(to: manifest, atomically: true, encoding: .utf8)
            try site.write(["2024/02/pier.md": "---\ntitle: New pier\ndate: 2024-02-06T10:00:00Z\n---\nA new pier.\n"])  // so the build writes
            let report = try site.build()
            #expect(report.written > 0)
            #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("victim.txt").path))
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("keep/notes.txt").path))
        }
    }

    @Test func aSymlinkedFolderInTheOutputIsNotWrittenThrough() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.build()
            let outside = folder.appendingPathComponent("outside")
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            // the user replaced a folder of the site by a link to somewhere else
            try FileManager.default.removeItem(at: site.output.appendingPathComponent("topics"))
            try FileManager.default.createSymbolicLink(at: site.output.appendingPathComponent("topics"), withDestinationURL: outside)
            try site.write(["2024/02/pier.md": "---\ntitle: New pier\ndate: 2024-02-06T10:00:00Z\ntopics: [Harbour]\n---\nA new pier.\n"])
            let before = try FolderSnapshot(site.output)
            #expect(throws: BuildFailure.self) { try site.build() }
            #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
            let after = try FolderSnapshot(site.output)
            #expect(after == before, "\(after.differences(from: before))")
        }
    }

    // MARK: Never delete what is not ours
    // (a non-empty folder without a manifest: BuildTests.refusesAFolderItDidNotCreate)

    @Test func forceBuildsIntoAFolderWithoutAManifestAndKeepsItsFiles() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try writeTree(["notes.txt": "mine\n"], into: site.output)
            #expect(throws: UsageError.self) { try site.build() }
            try Builder(site.options(force: true)).build()
            #expect(try readTree(site.output).text("notes.txt") == "mine\n")
            #expect(try readTree(site.output).text(OutputWriter.manifestName)?.contains("notes.txt") == false)
            try site.build()   // the manifest is there now: no --force needed
        }
    }

    /// Folders that are refused even with `force`. The content is valid, so an
    /// implementation that did not refuse would really write there (all inside the
    /// temporary folder).
    @Test(arguments: ["site root", "content", "templates", "content/..", "parent", "link to content", "inside templates/static"])
    func foldersHoldingTheInputsAreAlwaysRefused(_ which: String) throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try writeTree([OutputWriter.manifestName: "# a manifest does not make it safe\n"], into: site.content)
            let link = folder.appendingPathComponent("link")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.content)
            let target: URL = switch which {
            case "site root": site.root
            case "content": site.content
            case "templates": site.templates
            case "content/..": site.content.appendingPathComponent("..")
            case "parent": folder
            case "inside templates/static": site.templates.appendingPathComponent("static/site")
            default: link
            }
            let before = try FolderSnapshot(folder)
            #expect(throws: UsageError.self) { try Builder(site.options(force: true, output: target)).build() }
            let after = try FolderSnapshot(folder)
            #expect(after == before, "\(after.differences(from: before))")
        }
    }

    /// `/`, the home folder and the current directory, refused even with `force`. The
    /// content is broken on purpose: were the check missing, the build would stop at
    /// the content error (a `BuildFailure`, not a `UsageError`) before writing anything.
    @Test(arguments: ["/", "home", "current directory"])
    func theRootTheHomeFolderAndTheProjectFolderAreAlwaysRefused(_ which: String) throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            try site.write(["broken.md": "no front matter\n"])
            let target: URL = switch which {
            case "/": URL(fileURLWithPath: "/")
            case "home": FileManager.default.homeDirectoryForCurrentUser
            default: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            }
            #expect(throws: UsageError.self) { try Builder(site.options(force: true, output: target)).build() }
            // and the same through a path that only resolves to it
            let roundabout = target.appendingPathComponent("x/..")
            #expect(throws: UsageError.self) { try Builder(site.options(force: true, output: roundabout)).build() }
        }
    }

    // MARK: Nothing outside the output folder

    @Test func hostileSlugsTitlesAndTopicsStayInsideTheOutput() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.withAdversarial(["paths"], in: folder)
            let config = try String(contentsOf: site.config, encoding: .utf8)
            try config.replacingOccurrences(of: "topics:\n", with: "topics:\n  \"../../escapee-rule\": [escapee]\n  \"/escapee-rule-abs\": [escapee]\n")
                .write(to: site.config, atomically: true, encoding: .utf8)
            let report = try site.build(keepGoing: true)
            // the three that leave no letters are reported, the rest are built
            let skipped = Set(report.diagnostics.filter { $0.path.hasPrefix("paths/") && $0.message.contains("no letters or digits") }.map(\.path))
            #expect(skipped == ["paths/slug-dot.md", "paths/slug-empty.md", "paths/topic-dot.md"])
            #expect(report.articles == 7 + 8)

            // Everything written is a plain file or folder under the output...
            let output = try FolderSnapshot(site.output)
            #expect(output.links.isEmpty)
            let real = site.output.resolvingSymlinksInPath().path + "/"
            for path in output.files.keys {
                #expect(OutputWriter.isSafe(path) || path == OutputWriter.manifestName, "\(path)")
                #expect(!path.contains("\\") && !path.contains("%") && !path.contains("\0"), "\(path)")
                #expect(site.output.appendingPathComponent(path).resolvingSymlinksInPath().path.hasPrefix(real))
            }
            let escapees = output.files.keys.filter { $0.contains("escapee") }.sorted()
            #expect(escapees.contains("2024/02/06/escapee-dotdot/index.html"))
            #expect(escapees.contains("topics/escapee-topic-dotdot/index.html"))
            #expect(escapees.contains("topics/escapee-rule/index.html"))
            #expect(escapees.allSatisfy { $0.hasPrefix("2024/02/06/") || $0.hasPrefix("topics/") }, "\(escapees)")
            // ... and nothing appeared beside it but the build cache.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["basic"])
            let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
            #expect(beside == [BuildCache.folder(for: site.output).lastPathComponent, "Content", "Public", "Templates", "site.yml"])
            for path in ["/escapee-dotdot", "/etc/escapee-absolute", "/escapee-rule-abs", "/etc/escapee-topic-absolute"] {
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
    }

    @Test func aStaticFileAndAPageClaimingTheSamePathIsAnErrorNamingBoth() throws {
        let failure = try expectFailureLeavesOutputUntouched { site in
            try site.write(["static/2024/02/01/snow-ploughs-out-before-dawn/index.html": "<p>mine</p>\n"], under: "Templates")
        }
        let problem = try #require(failure?.diagnostics.first)
        #expect(problem.path == "static/2024/02/01/snow-ploughs-out-before-dawn/index.html")
        #expect(problem.message.contains("2024/02/snow-ploughs.md"), "\(problem)")
    }

    @Test func aStaticFileWhereThePagesNeedAFolderIsAnErrorNamingBoth() throws {
        let failure = try expectFailureLeavesOutputUntouched { site in
            try site.write(["static/topics": "not a folder\n"], under: "Templates")
        }
        let problem = try #require(failure?.diagnostics.first)
        #expect(problem.path == "static/topics", "\(String(describing: failure))")
        #expect(problem.message.contains("topics/"), "\(problem)")
    }

    @Test func topicsThatDifferOnlyInCaseOrNormalisationAreOneTopic() throws {
        try withTemporaryFolder { folder in
            let site = try SiteFolders.fixture("basic", in: folder)
            let nfc = "Z\u{FC}rich", nfd = "Zu\u{308}rich"
            #expect(Array(nfc.utf8) != Array(nfd.utf8))
            try site.write([
                "2024/02/a.md": "---\ntitle: Tram news from the lake\ndate: 2024-02-07T08:00:00Z\ntopics: [\"\(nfc)\"]\n---\nBody.\n",
                "2024/02/b.md": "---\ntitle: Snow on the lake\ndate: 2024-02-07T09:00:00Z\ntopics: [\"\(nfd)\"]\n---\nBody.\n",
                "2024/02/c.md": "---\ntitle: Bridges over the lake\ndate: 2024-02-07T10:00:00Z\ntopics: [\"Z\u{DC}RICH\", zurich]\n---\nBody.\n",
            ])
            try site.build()
            let output = try site.outputTree()
            let folders = Set(output.keys.filter { $0.hasPrefix("topics/") }.compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) })
            #expect(folders.filter { $0.hasPrefix("z") } == ["zurich"])
            let pages = output.filter { $0.key.hasPrefix("topics/zurich/") && $0.key.hasSuffix(".html") }.map { String(decoding: $0.value, as: UTF8.self) }
            #expect(!pages.isEmpty)
            for title in ["Tram news from the lake", "Snow on the lake", "Bridges over the lake"] {
                #expect(pages.contains { $0.contains(title) }, "\(title) is not on the zurich pages")
            }
        }
    }
}
