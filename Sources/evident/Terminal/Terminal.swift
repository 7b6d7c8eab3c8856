import Foundation

/// Writing to the terminal: standard output for results, standard error for errors and progress.
enum Terminal {
    /// True when standard error is a terminal (progress bars are drawn only then).
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1
    /// True when standard output is a terminal.
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1

    /// The terminal width, or 80.
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Warns on standard error when a benchmark runs in a debug build (its numbers mean little).
    static func warnIfDebugBuild() {
        #if DEBUG
        writeError("warning: this is a debug build; measure with `swift build -c release`.\n")
        #endif
    }

    /// Prints `error: message` to standard error.
    static func printError(_ message: String) {
        writeError("error: \(message)\n")
    }

    /// Writes raw text to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a value as pretty, key-sorted JSON on standard output.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Human-readable byte count ("12.3 MB").
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// Pads text with spaces to `width` columns (on the left when `right` aligns it right).
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    /// A number with thousands separators ("12,345").
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }
}
