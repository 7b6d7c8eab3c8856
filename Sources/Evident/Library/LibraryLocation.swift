import Foundation

/// Where the library lives: `--library DIR`, else `$EVIDENT_LIBRARY`, else
/// `$XDG_DATA_HOME/evident`, else `~/.local/share/evident`.
public enum LibraryLocation {
    /// Resolves the library directory from an explicit option and the environment.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return expand(explicit) }
        if let fromEnvironment = environment["EVIDENT_LIBRARY"], !fromEnvironment.isEmpty { return expand(fromEnvironment) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return (expand(xdg) as NSString).appendingPathComponent("evident") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/share/evident")
    }

    private static func expand(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(expanded) as NSString).standardizingPath
    }
}
