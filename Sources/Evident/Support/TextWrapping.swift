/// Word-wrapping for terminal text.
public enum TextWrapping {
    /// Wraps `text` at spaces to lines of at most `width` characters (a longer word stands alone);
    /// the first line starts with `first`, the others with `rest`.
    public static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var prefixLength = first.count
        for word in text.split(separator: " ") {
            if line.count > prefixLength && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                prefixLength = rest.count
            }
            line += (line.count > prefixLength ? " " : "") + word
        }
        if line.count > prefixLength || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Wraps `text` with the same `indent` on every line.
    public static func wrap(_ text: String, width: Int, indent: String) -> [String] {
        wrap(text, width: width, first: indent, rest: indent)
    }
}
