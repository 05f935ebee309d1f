/// The version `broadsheet --version` prints.
public enum BroadsheetVersion {
    public static let current = "0.1.0"
}
