/// The files of the package's `Data/` folder, compiled into the binary by the `EmbedData` build plugin.
///
/// Paths are relative to `Data/`, for example `frameworks/isp.json`. Nothing here reads the file system, so the
/// bundled framework and seed evidence work from any working directory and after the binary is copied elsewhere.
public enum BundledFiles {
    /// The text of the bundled file at `path` (relative to `Data/`), if there is one.
    public static func text(at path: String) -> String? { all[path] }

    /// The bundled paths below `folder` (for example `frameworks/`), sorted.
    public static func paths(under folder: String) -> [String] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return all.keys.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
