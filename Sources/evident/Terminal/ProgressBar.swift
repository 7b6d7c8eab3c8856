import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal and redrawn at
/// most ten times a second.
final class ProgressBar {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var visible = false
    private let label: String

    init(label: String, enabled: Bool = Terminal.stderrIsTTY) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws the bar for `fraction` (0...1) with a trailing detail text.
    func update(fraction: Double, detail: String, force: Bool = false) {
        guard enabled else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let clamped = max(0, min(1, fraction))
        let width = max(10, min(30, Terminal.width - label.count - detail.count - 12))
        let filled = Int((Double(width) * clamped).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\(label) \(bar) \(String(format: "%3.0f%%", clamped * 100))  \(detail)"
        Terminal.writeError("\r\u{1B}[2K" + String(line.prefix(Terminal.width - 1)))
        visible = true
    }

    /// Clears the bar so that another line can be printed.
    func clear() {
        guard enabled, visible else { return }
        Terminal.writeError("\r\u{1B}[2K")
        visible = false
        lastDraw = .distantPast
    }
}
