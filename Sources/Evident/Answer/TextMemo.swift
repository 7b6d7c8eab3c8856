/// Values computed from texts, remembered per text (one selector scores one tier on one thread,
/// and many units share a heading, a lead-in or a sentence).
final class TextMemo<Value>: @unchecked Sendable {
    private var known: [String: Value] = [:]

    /// The remembered value for `text`, computed by `compute` the first time.
    func value(_ text: String, _ compute: (String) -> Value) -> Value {
        if let value = known[text] { return value }
        let value = compute(text)
        known[text] = value
        return value
    }
}
