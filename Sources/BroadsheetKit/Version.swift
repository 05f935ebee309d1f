import Foundation

/// The version `broadsheet --version` prints.
public enum BroadsheetVersion {
    public static let current = "0.1.0"

    /// The version and the running program's size and modification time: what the build
    /// cache is made by. A rebuilt or reinstalled `broadsheet` of the same version (a
    /// development build, say) may render differently, so it starts from a cold build
    /// instead of keeping pages an older program made.
    static let build: String = {
        let program = Bundle.main.executablePath.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }  // not a link to it
        let attributes = program.flatMap { try? FileManager.default.attributesOfItem(atPath: $0) }
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(current) \(size) \(modified)"
    }()
}
