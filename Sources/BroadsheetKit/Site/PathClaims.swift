/// Which source owns each output file.
enum PathClaims {
    /// Two pages (or a page and a static file) may never claim the same file, nor a
    /// file where another needs a folder. Every clash is reported, naming both sides.
    static func check(_ plan: PagePlan, site: Site, staticFiles: [SourceFile]) throws(BuildFailure) {
        var owners: [String: String] = [:]
        var problems: [Diagnostic] = []
        for page in plan.pages {
            let owner: String
            if case .article(let index) = page.content { owner = site.articles[index].article.sourcePath } else { owner = "the \(page.file) page" }
            if let first = owners[page.file] {
                problems.append(.error(owner, "would be written to \(page.file), which \(first) already uses; change its slug or title"))
            } else {
                owners[page.file] = owner
            }
        }
        for file in staticFiles {
            if let first = owners[file.path] {
                problems.append(.error("static/\(file.path)", "would be copied to \(file.path), which \(first) already uses; rename or remove it"))
            } else {
                owners[file.path] = "static/\(file.path)"
            }
        }
        // A file where others need a folder (a static `topics` beside `topics/index.html`).
        for (path, owner) in owners {   // BuildFailure sorts what is found
            var folder = Substring(path)
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = folder[..<slash]
                if let fileOwner = owners[String(folder)] {
                    // reported at the static file if there is one: that is what the user can rename
                    problems.append(fileOwner.hasPrefix("static/") || !owner.hasPrefix("static/")
                        ? .error(fileOwner, "would be written to \(folder), where \(owner) needs a folder (for \(path)); rename or remove it")
                        : .error(owner, "would be written to \(path), inside \(folder), which \(fileOwner) writes as a file; rename or remove it"))
                    break
                }
            }
        }
        if !problems.isEmpty { throw BuildFailure(problems) }
    }
}
